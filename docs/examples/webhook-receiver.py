# Checks bff-partner's webhook signatures: WEBHOOK_SECRET=whsec_... python3 webhook-receiver.py 9999
import hashlib, hmac, http.server, os, sys, time

class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        stamp = self.headers["X-Signature-Timestamp"]
        mac = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        sent = [s.strip().removeprefix("sha256=") for s in self.headers["X-Signature"].split(",")]
        ok = abs(time.time() - int(stamp)) <= 300 and any(hmac.compare_digest(mac, s) for s in sent)
        print("verified" if ok else "REJECTED", body.decode(), flush=True)
        self.send_response(204 if ok else 401)
        self.end_headers()

http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
