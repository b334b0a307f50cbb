// The web chat page: sends what the visitor types or presses, shows what the bot answers,
// and polls for messages the bot sends on its own (status changes, reminders).
const log = document.getElementById('log');
const form = document.getElementById('composer');
const input = document.getElementById('text');
const status = document.getElementById('status');
let after = 0;
let busy = false;

const newId = () => crypto.getRandomValues(new Uint8Array(12)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');

function append(kind, text, buttons, photos, attachment) {
  const item = document.createElement('li');
  item.className = `msg ${kind}`;
  for (const photo of photos ?? []) {
    const img = document.createElement('img');
    img.className = 'photo';
    img.loading = 'lazy';
    img.alt = '';
    img.src = photo.attachmentId ? `/api/chat/attachments/${encodeURIComponent(photo.attachmentId)}` : photo.url;
    item.append(img);
  }
  const body = document.createElement('div');
  body.className = 'text';
  body.textContent = text; // never innerHTML: texts contain what people typed
  item.append(body);
  if (attachment) {
    const link = document.createElement('a');
    link.href = `/api/chat/files/${encodeURIComponent(attachment.storedFileId)}?name=${encodeURIComponent(attachment.fileName)}`;
    link.textContent = `⬇️ ${attachment.fileName}`;
    link.className = 'file';
    item.append(link);
  }
  if (buttons && buttons.length) {
    const box = document.createElement('div');
    box.className = 'buttons';
    for (const row of buttons) {
      const line = document.createElement('div');
      line.className = 'row';
      for (const b of row) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = b.label;
        button.dataset.data = b.data;
        button.addEventListener('click', () => send({ button: b.data }, b.label));
        line.append(button);
      }
      box.append(line);
    }
    item.append(box);
  }
  log.append(item);
  item.scrollIntoView({ block: 'end' });
}

function show(messages) {
  for (const m of messages) {
    if (m.id <= after) continue;
    after = m.id;
    append('bot', m.text, m.buttons, m.photos, m.document);
  }
}

async function send(body, echo, endpoint = '/api/chat/send', echoPhoto) {
  if (busy) return;
  busy = true;
  append('me', echo, undefined, echoPhoto ? [{ url: echoPhoto }] : undefined);
  const payload = { ...body, clientMessageId: newId() };
  // Retried with the same id until it is accepted: the bot handles it once.
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...payload, after }),
      });
      if (res.status === 400 || res.status === 413 || res.status === 415) {
        status.textContent = 'Không gửi được: chỉ nhận ảnh JPEG, PNG, WebP dưới 10 MB. / Not sent: only JPEG, PNG or WebP photos under 10 MB.';
        break;
      }
      if (!res.ok) throw new Error(String(res.status));
      status.textContent = '';
      show((await res.json()).messages);
      break;
    } catch {
      status.textContent = 'Mất kết nối, đang thử lại… / Connection lost, retrying…';
      await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** attempt, 15000)));
    }
  }
  busy = false;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  send({ text }, text);
});

// Photos are redrawn on a canvas and sent as JPEG: this drops EXIF data, GPS position
// included, before anything leaves the phone, and keeps uploads small.
async function encodePhoto(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const dataUrl = canvas.toDataURL('image/jpeg', 0.85);
  return { dataUrl, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
}

document.getElementById('photo').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  try {
    const { dataUrl, base64 } = await encodePhoto(file);
    await send({ dataBase64: base64 }, '📷', '/api/chat/photo', dataUrl);
  } catch {
    status.textContent = 'Không đọc được ảnh này. / This picture could not be read.';
  }
});

async function poll() {
  try {
    const res = await fetch(`/api/chat/messages?after=${after}`);
    if (res.ok) show((await res.json()).messages);
  } catch {
    /* offline: try again on the next tick */
  }
}

await poll();
if (after === 0) await send({ text: '/start' }, '/start');
setInterval(poll, 5000);
