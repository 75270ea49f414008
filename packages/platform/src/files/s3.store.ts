import aws4 from 'aws4';
import { fileKeyPattern, type FileStore } from './files.store.ts';

/** Where an S3-compatible bucket is and how to sign for it (AWS S3, MinIO, Ceph, Garage and the like). */
export interface S3StoreOptions {
  /** The service's base URL, e.g. `https://s3.eu-north-1.amazonaws.com` or `http://minio.internal:9000`. */
  readonly endpoint: string;
  readonly bucket: string;
  /** The region the signature names; services that ignore regions accept `us-east-1`. */
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /**
   * `https://host/bucket/key` (path style, what MinIO and most self-hosted services expect) rather than
   * `https://bucket.host/key` (virtual-hosted style).
   */
  readonly pathStyle: boolean;
  /** How long one request may take before it fails; default 30 s. */
  readonly timeoutMs?: number;
}

/** An S3 request that did not succeed: the operation, the HTTP status and the service's error code. */
export class S3StoreError extends Error {
  readonly operation: string;
  readonly status: number;
  readonly code: string;

  constructor(operation: string, status: number, code: string) {
    super(`S3 ${operation} failed: ${status} ${code}`);
    this.name = 'S3StoreError';
    this.operation = operation;
    this.status = status;
    this.code = code;
  }
}

/**
 * Files as objects in one S3-compatible bucket, named by their key, through signed HTTP requests
 * (Signature Version 4). Every app server that points at the same bucket sees the same files, so uploads
 * made on one server are served by any other.
 */
export function s3Store(options: S3StoreOptions): FileStore & { check(): Promise<void> } {
  const base = new URL(options.endpoint);
  const host = options.pathStyle ? base.host : `${options.bucket}.${base.host}`;
  const prefix = base.pathname.replace(/\/$/, '') + (options.pathStyle ? `/${encodeURIComponent(options.bucket)}` : '');
  const credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request(operation: string, method: string, path: string, body?: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    // A copy that owns its memory, which fetch accepts as a body.
    const payload = body ? new Uint8Array(body) : undefined;
    const signed = aws4.sign(
      { host, path, method, service: 's3', region: options.region, headers: { ...headers }, ...(payload ? { body: Buffer.from(payload.buffer) } : {}) },
      credentials,
    );
    const sent: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      // fetch sets Host and Content-Length itself, to the same values that were signed.
      if (name.toLowerCase() !== 'host' && name.toLowerCase() !== 'content-length') sent[name] = String(value);
    }
    try {
      return await fetch(`${base.protocol}//${host}${path}`, {
        method,
        headers: sent,
        ...(payload ? { body: payload } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new S3StoreError(operation, 0, error instanceof Error ? error.message : String(error));
    }
  }

  async function failure(operation: string, response: Response): Promise<S3StoreError> {
    const text = await response.text().catch(() => '');
    return new S3StoreError(operation, response.status, /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? response.statusText);
  }

  const objectPath = (key: string) => {
    if (!fileKeyPattern.test(key)) throw new Error('invalid file key');
    return `${prefix}/${key}`;
  };

  return {
    async put(key, data) {
      const response = await request('put', 'PUT', objectPath(key), data, { 'content-type': 'application/octet-stream' });
      if (!response.ok) throw await failure('put', response);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await request('get', 'GET', objectPath(key));
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await failure('get', response);
      return new Uint8Array(await response.arrayBuffer());
    },
    async delete(key) {
      const response = await request('delete', 'DELETE', objectPath(key));
      // Deleting what is not there is not an error: S3 answers 204 either way, some services 404.
      if (!response.ok && response.status !== 404) throw await failure('delete', response);
      await response.body?.cancel();
    },
    /** Fails with the service's answer unless the bucket exists and these credentials may use it. */
    async check() {
      const response = await request('check', 'HEAD', `${prefix}/`);
      if (!response.ok) throw new S3StoreError('check', response.status, response.status === 404 ? 'NoSuchBucket' : response.status === 403 ? 'AccessDenied' : response.statusText);
    },
  };
}
