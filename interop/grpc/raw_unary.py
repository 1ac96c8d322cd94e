"""Makes one unary call with python3-grpcio at its default limits, the request given as serialized bytes:
raw_unary.py HOST:PORT /package.Service/Method REQUEST_FILE.
Prints one JSON object: the status code name, the details (status message), and the grpc-status-details-bin
trailer as base64 (empty when absent). Exits 0 whenever a status arrived, 1 when none did within 60 s."""
import base64
import json
import sys

import grpc


def main():
    endpoint, method, request_file = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(request_file, "rb") as f:
        request = f.read()
    channel = grpc.insecure_channel(endpoint)
    call = channel.unary_unary(method)  # No serializers: bytes in, bytes out.
    code, details, trailer = "OK", "", b""
    try:
        call(request, timeout=60)
    except grpc.RpcError as err:
        code, details = err.code().name, err.details() or ""
        for key, value in err.trailing_metadata() or ():
            if key == "grpc-status-details-bin":
                trailer = value
    if code == "DEADLINE_EXCEEDED":
        print(json.dumps({"code": code, "details": details, "detailsBin": ""}))
        return 1
    print(json.dumps({"code": code, "details": details, "detailsBin": base64.b64encode(trailer).decode("ascii")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
