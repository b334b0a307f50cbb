import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeZaloOaEvent, ZZaloOaEvent } from '../../../src/channels/zalo-oa/normalize-zalo-oa-event.js';
import { verifyZaloOaSignature } from '../../../src/channels/zalo-oa/verify-zalo-oa-signature.js';

const base = { app_id: '123456', timestamp: '1700000000000', sender: { id: 'u1' }, recipient: { id: 'oa' } };
const input = (event: Record<string, unknown>) => {
  const action = normalizeZaloOaEvent(ZZaloOaEvent.parse({ ...base, ...event }), { fileHosts: ['zdn.vn'] });
  return action.kind === 'update' ? action.update.input : action;
};

describe('Zalo OA events', () => {
  it('should read a shared location, given as strings, and refuse one off the globe', () => {
    expect(input({ event_name: 'user_send_location', message: { msg_id: 'm1', attachments: [{ type: 'location', payload: { coordinates: { latitude: '12.5', longitude: '107.6' } } }] } })).toEqual({ kind: 'location', latitude: 12.5, longitude: 107.6 });
    expect(input({ event_name: 'user_send_location', message: { msg_id: 'm2', attachments: [{ type: 'location', payload: { coordinates: { latitude: '95', longitude: '107.6' } } }] } })).toEqual({ kind: 'unsupported', what: 'location' });
  });

  it('should take a file on Zalo\'s hosts as a document and anything else as unsupported', () => {
    expect(input({ event_name: 'user_send_file', message: { msg_id: 'm3', attachments: [{ type: 'file', payload: { url: 'https://f.zdn.vn/x.pdf', name: 'Biên bản.pdf', size: '2048', type: 'pdf' } }] } })).toEqual({ kind: 'document', fileRef: 'https://f.zdn.vn/x.pdf', fileName: 'Biên bản.pdf', sizeBytes: 2048 });
    expect(input({ event_name: 'user_send_file', message: { msg_id: 'm4', attachments: [{ type: 'file', payload: { url: 'https://evil.example/x.pdf' } }] } })).toEqual({ kind: 'unsupported', what: 'file' });
    expect(input({ event_name: 'user_send_sticker', message: { msg_id: 'm5', attachments: [{ type: 'sticker', payload: { id: 's' } }] } })).toEqual({ kind: 'unsupported', what: 'sticker' });
  });

  it('should use the msg_id as the update id, and ignore what the OA itself sends', () => {
    const action = normalizeZaloOaEvent(ZZaloOaEvent.parse({ ...base, event_name: 'user_send_text', message: { msg_id: 'abc', text: '/start X' } }), { fileHosts: [] });
    expect(action).toMatchObject({ kind: 'update', update: { channel: 'zalo_oa', updateId: 'abc', input: { kind: 'command', name: 'start', args: 'X' } } });
    expect(normalizeZaloOaEvent(ZZaloOaEvent.parse({ ...base, event_name: 'oa_send_text', message: { msg_id: 'x', text: 'hi' } }), { fileHosts: [] })).toEqual({ kind: 'ignore' });
  });

  it('should check the signature as Zalo documents it: sha256(appId + body + timestamp + OA secret key), "mac=" hex', () => {
    const rawBody = '{"event_name":"user_send_text"}';
    const mac = createHash('sha256').update(`123456${rawBody}1700000000000secret-key-123`).digest('hex');
    const check = (header: string | undefined, body = rawBody) => verifyZaloOaSignature({ appId: '123456', secretKey: 'secret-key-123', rawBody: body, timestamp: '1700000000000', header });
    expect(check(`mac=${mac}`)).toBe(true);
    expect(check(mac.toUpperCase())).toBe(true);
    expect(check(`mac=${mac}`, `${rawBody} `)).toBe(false);
    expect(check(`mac=${mac.slice(0, 63)}`)).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(check('mac=zz')).toBe(false);
  });
});
