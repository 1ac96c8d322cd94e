"""The interop.Echo service for Debian's python3-grpcio, with raw bytes: no generated code."""
import threading
import time

import grpc

SERVICE = "interop.Echo"
STREAM_ERROR = "stream failed \u2717\nsecond line"
CODES = {code.value[0]: code for code in grpc.StatusCode}


def _echoed(metadata):
    return tuple((k, v) for k, v in metadata if k.startswith("x-"))


class EchoService:
    def __init__(self):
        self._endless_cancelled = None

    def unary(self, request, context):
        echoed = _echoed(context.invocation_metadata())
        context.send_initial_metadata(echoed)
        context.set_trailing_metadata(echoed)
        return request

    def fail(self, request, context):
        code, _, message = request.decode("utf-8").partition("|")
        context.abort(CODES[int(code)], message)

    def slow(self, request, context):
        end = time.monotonic() + int(request.decode()) / 1000.0
        while time.monotonic() < end and context.is_active():
            time.sleep(0.01)
        return b"done"

    def size(self, request, context):
        return b"x" * int(request.decode())

    def stream_then_fail(self, request, context):
        for i in range(int(request.decode())):
            yield f"m{i}".encode()
        context.abort(grpc.StatusCode.ABORTED, STREAM_ERROR)

    def endless(self, request, context):
        cancelled = threading.Event()
        self._endless_cancelled = cancelled
        context.add_callback(cancelled.set)
        i = 0
        while context.is_active():
            yield f"tick{i}".encode()
            i += 1
            time.sleep(0.02)

    def was_cancelled(self, request, context):
        seen = self._endless_cancelled
        return b"yes" if seen is not None and seen.wait(5) else b"no"

    def collect(self, request_iterator, context):
        return ",".join(r.decode("utf-8") for r in request_iterator).encode("utf-8")

    def bidi(self, request_iterator, context):
        for r in request_iterator:
            yield r

    def handler(self):
        u, ss, cs, bi = (grpc.unary_unary_rpc_method_handler, grpc.unary_stream_rpc_method_handler,
                         grpc.stream_unary_rpc_method_handler, grpc.stream_stream_rpc_method_handler)
        return grpc.method_handlers_generic_handler(SERVICE, {
            "Unary": u(self.unary),
            "Fail": u(self.fail),
            "Slow": u(self.slow),
            "Size": u(self.size),
            "StreamThenFail": ss(self.stream_then_fail),
            "Endless": ss(self.endless),
            "WasCancelled": u(self.was_cancelled),
            "Collect": cs(self.collect),
            "Bidi": bi(self.bidi),
        })
