import type { Server } from 'node:http';
import type pg from 'pg';

/**
 * Starts a bare baseline server on a free loopback port, prints the port on stdout for the benchmark that
 * spawned it, and on SIGTERM stops taking requests and closes its pool.
 */
export function serveBaseline(server: Server, pool: pg.Pool): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}
