"""Runs one interop scenario with python3-grpcio against an interop.Echo server: client.py <port> <scenario>.
Prints "OK <scenario>" and exits 0, or prints what differed and exits 1."""
import queue
import sys
import threading
import time
import traceback
from concurrent import futures

import grpc

from echo_service import STREAM_ERROR

NON_ASCII = "\u017dlu\u0165ou\u010dk\u00fd k\u016f\u0148 100%\nsecond line \u2713"


def check(condition, what):
    if not condition:
        raise AssertionError(what)


class Peer:
    def __init__(self, port):
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")

    def unary(self, name):
        return self.channel.unary_unary(f"/interop.Echo/{name}")

    def server_stream(self, name):
        return self.channel.unary_stream(f"/interop.Echo/{name}")

    def client_stream(self, name):
        return self.channel.stream_unary(f"/interop.Echo/{name}")

    def bidi(self, name):
        return self.channel.stream_stream(f"/interop.Echo/{name}")


def expect_error(code, fn):
    try:
        fn()
    except grpc.RpcError as err:
        check(err.code() == code, f"status {err.code()} (details {err.details()!r}), expected {code}")
        return err
    raise AssertionError(f"expected {code}, got OK")


class Requests:
    """A request iterator fed from the test thread; None ends the stream."""

    def __init__(self):
        self.items = queue.Queue()

    def put(self, item):
        self.items.put(item)

    def __iter__(self):
        while True:
            item = self.items.get()
            if item is None:
                return
            yield item


def metadata(p):
    md = (("x-ascii", "hello world"), ("x-blob-bin", bytes([0, 1, 2, 255])))
    response, call = p.unary("Unary").with_call(b"ping", metadata=md)
    check(response == b"ping", response)
    headers = dict(call.initial_metadata())
    trailers = dict(call.trailing_metadata())
    for got in (headers, trailers):
        check(got.get("x-ascii") == "hello world", got)
        check(got.get("x-blob-bin") == bytes([0, 1, 2, 255]), got)


def not_found(p):
    err = expect_error(grpc.StatusCode.NOT_FOUND, lambda: p.unary("Fail")(f"5|{NON_ASCII}".encode()))
    check(err.details() == NON_ASCII, repr(err.details()))


def deadline(p):
    expect_error(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: p.unary("Slow")(b"5000", timeout=0.3))


def stream_error(p):
    got = []

    def read():
        for m in p.server_stream("StreamThenFail")(b"3"):
            got.append(m.decode())

    err = expect_error(grpc.StatusCode.ABORTED, read)
    check(err.details() == STREAM_ERROR, repr(err.details()))
    check(got == ["m0", "m1", "m2"], got)


def client_stream(p):
    response = p.client_stream("Collect")(iter([b"a", b"b", b"c"]))
    check(response == b"a,b,c", response)


def bidi_pingpong(p):
    requests = Requests()
    responses = p.bidi("Bidi")(iter(requests))
    for i in range(100):
        requests.put(f"p{i}".encode())
        got = next(responses)
        check(got == f"p{i}".encode(), got)
    requests.put(None)
    check(list(responses) == [], "no more responses")


def bidi_2000(p):
    responses = p.bidi("Bidi")(f"m{i}".encode() for i in range(2000))
    got = [m.decode() for m in responses]
    check(got == [f"m{i}" for i in range(2000)], f"{len(got)} responses")


def cancel(p):
    call = p.server_stream("Endless")(b"go")
    next(call)
    next(call)
    call.cancel()
    check(p.unary("WasCancelled")(b"?") == b"yes", "server did not see the cancellation")


def unimplemented(p):
    expect_error(grpc.StatusCode.UNIMPLEMENTED, lambda: p.channel.unary_unary("/interop.Echo/Nope")(b"x"))


def too_large_request(p):
    expect_error(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: p.unary("Unary")(b"q" * (5 * 1024 * 1024)))


def too_large_response(p):
    expect_error(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: p.unary("Size")(str(5 * 1024 * 1024).encode()))


def concurrent_300(p):
    calls = [p.unary("Slow").future(b"200") for _ in range(300)]
    results = [c.result(timeout=60) for c in calls]
    check(results.count(b"done") == 300, results)


def idle_bidi(p):
    requests = Requests()
    responses = p.bidi("Bidi")(iter(requests))
    requests.put(b"before")
    check(next(responses) == b"before", "first echo")
    time.sleep(10)
    requests.put(b"after")
    check(next(responses) == b"after", "echo after 10 s idle")
    requests.put(None)


SCENARIOS = {f.__name__: f for f in (metadata, not_found, deadline, stream_error, client_stream, bidi_pingpong,
                                      bidi_2000, cancel, unimplemented, too_large_request, too_large_response,
                                      concurrent_300, idle_bidi)}


def main():
    port, scenario = sys.argv[1], sys.argv[2]
    if scenario not in SCENARIOS:
        print(f"unknown scenario {scenario!r}; known: {' '.join(SCENARIOS)}", file=sys.stderr)
        return 2
    peer = Peer(port)
    try:
        SCENARIOS[scenario](peer)
    except Exception:  # noqa: BLE001 - report any failure with its trace
        print(f"FAIL {scenario}: {traceback.format_exc()}", file=sys.stderr)
        return 1
    print(f"OK {scenario}", flush=True)
    peer.channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
