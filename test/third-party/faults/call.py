"""Calls one XML-RPC method with Python's stdlib client and prints what happened as JSON.

usage: call.py URL METHOD [JSON_ARGS]   (the first arg "@login" is replaced by a fresh WebFaction session id)
"""
import json
import sys
import time
import xmlrpc.client

url, method = sys.argv[1], sys.argv[2]
args = json.loads(sys.argv[3]) if len(sys.argv) > 3 else []
proxy = xmlrpc.client.ServerProxy(url)
if args and args[0] == "@login":
    args[0] = proxy.login("widgetsco", "widgetsrock")[0]
started = time.monotonic()
try:
    result = getattr(proxy, method)(*args)
    out = {"ok": True, "result": result}
except xmlrpc.client.Fault as f:
    out = {"ok": False, "kind": "Fault", "faultCode": f.faultCode, "faultString": f.faultString}
except xmlrpc.client.ProtocolError as e:
    out = {"ok": False, "kind": "ProtocolError", "status": e.errcode}
except Exception as e:  # connection reset, truncated or malformed answers
    out = {"ok": False, "kind": type(e).__name__, "message": str(e)}
out["elapsedMs"] = round((time.monotonic() - started) * 1000)
print(json.dumps(out, default=str))
