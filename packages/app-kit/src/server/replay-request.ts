import { IncomingMessage } from 'node:http';

/**
 * A request whose body the app server has already read (and capped): the same method, target, headers
 * and socket, with the body replayed from memory for Next to read as if it came off the wire.
 * `Content-Length` states the real size; `Transfer-Encoding` is gone.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  replay.headers = headers;
  replay.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? '']).flatMap((v) => [name, v]),
  );
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}
