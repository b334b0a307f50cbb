import { describe, expect, it } from 'vitest';
import { fetchRemotePhoto, isAllowedPhotoUrl } from '../../src/files/fetch-remote-photo.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
const HOSTS = ['zdn.vn'];
const serve = (body: BodyInit | null, init: ResponseInit = {}) => {
  const calls: { url: string; redirect: string | undefined }[] = [];
  const fake = (async (url: string, options?: RequestInit) => {
    calls.push({ url, redirect: options?.redirect });
    return new Response(body, init);
  }) as typeof fetch;
  return { fake, calls };
};

describe('fetchRemotePhoto', () => {
  it('should take a JPEG over https from the platform\'s host or a subdomain of it', async () => {
    const { fake, calls } = serve(new Uint8Array(JPEG));
    const photo = await fetchRemotePhoto({ url: 'https://photo-stal-2.zdn.vn/a.jpg', allowedHosts: HOSTS, fetch: fake });
    expect(photo).toEqual({ ok: true, data: JPEG, mimeType: 'image/jpeg' });
    expect(calls).toEqual([{ url: 'https://photo-stal-2.zdn.vn/a.jpg', redirect: 'manual' }]);
  });

  it('should refuse plain http, other hosts, look-alike hosts and credentials without fetching', async () => {
    const { fake, calls } = serve(new Uint8Array(JPEG));
    for (const url of ['http://zdn.vn/a.jpg', 'https://evil.example/a.jpg', 'https://zdn.vn.evil.example/a.jpg', 'https://evilzdn.vn/a.jpg', 'https://user:pw@zdn.vn/a.jpg', 'https://x.zdn.vn:6379/', 'https://zdn.vn:8443/a.jpg', 'file:///etc/passwd', 'not a url']) {
      expect((await fetchRemotePhoto({ url, allowedHosts: HOSTS, fetch: fake })).ok, url).toBe(false);
    }
    expect(calls).toHaveLength(0);
    expect(isAllowedPhotoUrl('https://zdn.vn:443/a.jpg', HOSTS)).toBe(true);
    expect(isAllowedPhotoUrl('http://127.0.0.1:9/p.jpg', ['127.0.0.1'], true)).toBe(true);
  });

  it('should not follow a redirect', async () => {
    const { fake } = serve(null, { status: 302, headers: { location: 'http://169.254.169.254/' } });
    expect(await fetchRemotePhoto({ url: 'https://zdn.vn/a.jpg', allowedHosts: HOSTS, fetch: fake })).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('should stop reading past the cap, announced or not', async () => {
    const big = new Uint8Array(Buffer.concat([JPEG, Buffer.alloc(2000)]));
    const announced = serve(big, { headers: { 'content-length': String(big.length) } });
    expect(await fetchRemotePhoto({ url: 'https://zdn.vn/a.jpg', allowedHosts: HOSTS, maxBytes: 1000, fetch: announced.fake })).toEqual({ ok: false, reason: 'too_large' });
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(600));
      },
    });
    const unannounced = serve(stream);
    expect(await fetchRemotePhoto({ url: 'https://zdn.vn/a.jpg', allowedHosts: HOSTS, maxBytes: 1000, fetch: unannounced.fake })).toEqual({ ok: false, reason: 'too_large' });
  });

  it('should refuse bytes that are not an image we accept, whatever the declared type', async () => {
    const { fake } = serve('<svg onload="alert(1)"/>', { headers: { 'content-type': 'image/jpeg' } });
    expect(await fetchRemotePhoto({ url: 'https://zdn.vn/a.jpg', allowedHosts: HOSTS, fetch: fake })).toEqual({ ok: false, reason: 'not_an_image' });
  });
});
