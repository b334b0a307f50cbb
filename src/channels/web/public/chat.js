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

// Why a file was refused, as the server says it (the reason), in both languages.
const REFUSED = {
  type: 'Không gửi được: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF, Word, Excel. / Not sent: only JPEG, PNG or WebP photos, or PDF, Word and Excel files.',
  size: 'Không gửi được: tệp quá lớn (ảnh tối đa 10 MB, tài liệu tối đa 20 MB). / Not sent: the file is too large (photos up to 10 MB, documents up to 20 MB).',
  'visitor-quota': 'Không gửi được: hôm nay bạn đã gửi nhiều tệp, xin vui lòng thử lại vào ngày mai. / Not sent: you have sent many files today; please try again tomorrow.',
  'total-quota': 'Không gửi được: hệ thống tạm thời chưa nhận thêm tệp, xin vui lòng thử lại sau. / Not sent: the service cannot take more files just now; please try again later.',
};

async function send(body, echo, endpoint = '/api/chat/send', echoPhoto) {
  if (busy) return;
  busy = true;
  append('me', echo, undefined, echoPhoto ? [{ url: echoPhoto }] : undefined);
  const clientMessageId = newId();
  // Retried with the same id until it is accepted: the bot handles it once.
  for (let attempt = 0; ; attempt++) {
    try {
      // A file goes as raw bytes (the server reads no more than it allows); text as JSON.
      const res =
        body instanceof Blob
          ? await fetch(`/api/chat/upload?${new URLSearchParams({ clientMessageId, after, ...(body.name ? { name: body.name } : {}) })}`, {
              method: 'POST',
              headers: { 'content-type': 'application/octet-stream' },
              body,
            })
          : await fetch(endpoint, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...body, clientMessageId, after }),
            });
      if ([400, 403, 413, 415, 429, 507].includes(res.status)) {
        const reason = (await res.json().catch(() => ({}))).reason;
        status.textContent = REFUSED[reason] ?? (body instanceof Blob ? REFUSED.type : 'Không gửi được tin nhắn này. / This message could not be sent.');
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
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  return { dataUrl, blob };
}

async function sendPhoto(file) {
  try {
    const { dataUrl, blob } = await encodePhoto(file);
    await send(blob, '📷', undefined, dataUrl);
  } catch {
    status.textContent = 'Không đọc được ảnh này. / This picture could not be read.';
  }
}

document.getElementById('photo').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (file) await sendPhoto(file);
});

// Documents (evidence: PDF, Word, Excel) go as they are; a picture chosen here is still a photo.
document.getElementById('document').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  if (file.type.startsWith('image/')) return sendPhoto(file);
  if (file.size > 20 * 1024 * 1024) {
    status.textContent = REFUSED.size;
    return;
  }
  await send(file, `📎 ${file.name}`);
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
