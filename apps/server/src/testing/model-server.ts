import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible endpoint for tests of the model provider's settings: `POST …/embeddings` answers one
 * vector, `POST …/chat/completions` answers "OK". `url` is its base up to /v1; it listens on 127.0.0.1 only.
 */
export async function startModelServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url?.endsWith('/embeddings') ? '{"data":[{"index":0,"embedding":[0.5,0.5]}]}' : '{"choices":[{"message":{"content":"OK"}}]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
