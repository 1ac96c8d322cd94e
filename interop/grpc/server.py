"""Serves interop.Echo over python3-grpcio on a free port of 127.0.0.1 and prints "PORT <n>"."""
import signal
import sys
from concurrent import futures

import grpc

from echo_service import EchoService


def main():
    # Enough threads for the 300-concurrent-calls scenario (each call holds a thread).
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=400))
    server.add_generic_rpc_handlers((EchoService().handler(),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"PORT {port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: server.stop(0))
    server.wait_for_termination()


if __name__ == "__main__":
    sys.exit(main())
