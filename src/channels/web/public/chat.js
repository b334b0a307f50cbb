// The web chat page: sends what the visitor types or presses, shows what the bot answers,
// and receives the messages the bot sends on its own (status changes, reminders, exports) as
// server-sent events, polling only while that stream is down.
const log = document.getElementById('log');
const form = document.getElementById('composer');
const input = document.getElementById('text');
const status = document.getElementById('status');
const visitor = document.getElementById('visitor');
let after = 0;

// The page's own texts, in the person's language: Vietnamese until they choose one in the chat,
// then the one they chose (the server says which with each answer).
const TEXTS = {
  vi: {
    tagline: 'Phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí',
    message: 'Tin nhắn',
    placeholder: 'Nhập tin nhắn hoặc /trogiup…',
    send: 'Gửi',
    retrying: 'Mất kết nối, đang thử lại…',
    sending: 'đang gửi',
    notSent: 'chưa gửi được',
    tooMany: (s) => `Bạn gửi hơi nhanh, xin chờ khoảng ${s} giây; tin nhắn sẽ được gửi lại tự động.`,
    refused: 'Không gửi được tin nhắn này. Xin vui lòng kiểm tra lại và gửi tin khác.',
    unreadable: 'Không đọc được ảnh này (ảnh HEIC của iPhone chẳng hạn). Xin chọn ảnh JPEG hoặc PNG, hoặc chụp ảnh mới.',
    filesLost: (n) => `${n} ảnh hoặc tệp đang gửi dở chưa tới nơi khi trang được tải lại. Xin chọn gửi lại.`,
    tooLong: (n) => `Tin nhắn quá dài (tối đa ${n.toLocaleString('vi-VN')} ký tự). Xin rút gọn rồi gửi lại; chữ vẫn còn trong ô.`,
    visitor: (id) => `Mã khách của bạn: ${id}`,
    openPhoto: (n) => `Mở ảnh ${n} cỡ đầy đủ`,
    sendPhoto: 'Gửi ảnh',
    sendDocument: 'Gửi tệp PDF, Word, Excel',
    downloadPhoto: 'Tải ảnh',
    download: 'Tải về',
  },
  en: {
    tagline: 'Modern, well-connected infrastructure; practise thrift, fight waste',
    message: 'Message',
    placeholder: 'Type a message or /help…',
    send: 'Send',
    retrying: 'Connection lost, retrying…',
    sending: 'sending',
    notSent: 'not sent',
    tooMany: (s) => `You are sending a little fast; please wait about ${s} seconds, the message will be sent again by itself.`,
    refused: 'This message could not be sent. Please check it and send another one.',
    unreadable: 'This picture could not be read (an iPhone HEIC photo, for example). Please choose a JPEG or PNG photo, or take a new one.',
    filesLost: (n) => `${n} photo(s) or file(s) still being sent did not arrive when the page was reloaded. Please send them again.`,
    tooLong: (n) => `The message is too long (at most ${n.toLocaleString('en')} characters). Please shorten it and send it again; the words are still in the box.`,
    visitor: (id) => `Your visitor id: ${id}`,
    openPhoto: (n) => `Open picture ${n} full size`,
    sendPhoto: 'Send a photo',
    sendDocument: 'Send a PDF, Word or Excel file',
    downloadPhoto: 'Download picture',
    download: 'Download',
  },
};
let t = TEXTS.vi;
let shownVisitorId;
function speak(lang) {
  if (!TEXTS[lang] || (t === TEXTS[lang] && document.documentElement.lang === lang)) return;
  t = TEXTS[lang];
  document.documentElement.lang = lang;
  document.querySelector('header p').textContent = t.tagline;
  document.querySelector('label[for="text"]').textContent = t.message;
  input.placeholder = t.placeholder;
  form.querySelector('button[type="submit"]').textContent = t.send;
  for (const [id, label] of [['photo-button', t.sendPhoto], ['document-button', t.sendDocument]]) {
    const element = document.getElementById(id);
    element.setAttribute('aria-label', label);
    element.title = label;
  }
  if (shownVisitorId && visitor) visitor.textContent = t.visitor(shownVisitorId);
}

// The conversation follows its newest message unless the person scrolled up to read.
let following = true;
log.addEventListener('scroll', () => {
  following = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
});
const scrollToEnd = () => {
  log.scrollTop = log.scrollHeight;
  following = true;
};

const formatSize = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

// The 📷 and 📎 buttons open the hidden file pickers, and say what they do in the page's language.
for (const [button, picker] of [['photo-button', 'photo'], ['document-button', 'document']]) {
  const element = document.getElementById(button);
  element.addEventListener('click', () => document.getElementById(picker).click());
}

const newId = () => crypto.getRandomValues(new Uint8Array(12)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');

function append(kind, text, buttons, photos, attachment) {
  const item = document.createElement('li');
  item.className = `msg ${kind}`;
  for (const [i, photo] of (photos ?? []).entries()) {
    const img = document.createElement('img');
    img.className = 'photo';
    img.loading = 'lazy';
    img.alt = '';
    // A picture grows its message when it arrives: keep the newest content in view.
    img.addEventListener('load', () => {
      if (following) scrollToEnd();
    });
    if (!photo.attachmentId) {
      img.src = photo.url;
      item.append(img);
      continue;
    }
    // The bot's pictures (charts) are shrunk to the screen: a tap opens the full size, and the
    // link below downloads it.
    const src = `/api/chat/attachments/${encodeURIComponent(photo.attachmentId)}`;
    img.src = src;
    const open = document.createElement('a');
    open.href = src;
    open.target = '_blank';
    open.rel = 'noopener';
    open.className = 'photo-link';
    open.setAttribute('aria-label', t.openPhoto(i + 1));
    open.append(img);
    const save = document.createElement('a');
    save.href = src;
    save.download = `${photo.attachmentId}.png`;
    save.className = 'file';
    save.textContent = `⬇️ ${t.downloadPhoto}`;
    item.append(open, save);
  }
  const body = document.createElement('div');
  body.className = 'text';
  body.textContent = text; // never innerHTML: texts contain what people typed
  item.append(body);
  if (attachment) {
    const link = document.createElement('a');
    link.href = `/api/chat/files/${encodeURIComponent(attachment.storedFileId)}?name=${encodeURIComponent(attachment.fileName)}`;
    link.download = attachment.fileName;
    link.className = 'file download';
    link.textContent = `⬇️ ${t.download} ${attachment.fileName}${attachment.sizeBytes ? ` (${formatSize(attachment.sizeBytes)})` : ''}`;
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
        button.addEventListener('click', () => {
          // One answer per question: a second tap (a double tap, an impatient one) would only be
          // told the button is spent, and push the answer off the screen.
          for (const other of box.querySelectorAll('button')) other.disabled = true;
          send({ button: b.data }, b.label);
        });
        line.append(button);
      }
      box.append(line);
    }
    item.append(box);
  }
  log.append(item);
  scrollToEnd();
  return item;
}

// What the person sent, by message id: shown once, whether from this page or the history.
const mineShown = new Set();

// The bot's messages and the person's own (`mine`, each after the bot message it followed),
// in the order they were sent.
function show({ messages, mine = [], visitorId, locale }) {
  if (locale) speak(locale);
  if (visitorId && visitor) {
    shownVisitorId = visitorId;
    visitor.textContent = t.visitor(visitorId);
  }
  if (visitorId) listen();
  const own = mine.filter((entry) => !mineShown.has(entry.clientMessageId));
  const showOwn = (before) => {
    while (own.length && own[0].afterMessageId < before) {
      const entry = own.shift();
      mineShown.add(entry.clientMessageId);
      append('me', entry.text).dataset.clientMessageId = entry.clientMessageId;
    }
  };
  const wasFollowing = following;
  let firstNew;
  let lastNew;
  for (const m of messages) {
    if (m.id <= after) continue;
    showOwn(m.id);
    after = m.id;
    lastNew = append('bot', m.text, m.buttons, m.photos, m.document);
    firstNew ??= lastNew;
  }
  showOwn(Infinity);
  // An answer taller than the screen (a question above nine buttons, a tracking code above the
  // menu) is shown from its start, not its end, where only the last buttons would be seen. The
  // history a page opens with is not an answer: it opens at its newest message, the question
  // the person is at.
  const start = historyShown ? firstNew : lastNew;
  historyShown = true;
  if (start && wasFollowing) {
    const above = start.getBoundingClientRect().top - log.getBoundingClientRect().top;
    if (above < 0) log.scrollTop += above - 8;
  }
}
let historyShown = false;

// Why a file was refused, as the server says it (the reason), in the person's language.
const REFUSED = {
  vi: {
    type: 'Không gửi được: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF, Word, Excel.',
    size: 'Không gửi được: tệp quá lớn (ảnh tối đa 10 MB, tài liệu tối đa 20 MB).',
    'visitor-quota': 'Không gửi được: hôm nay bạn đã gửi nhiều tệp, xin vui lòng thử lại vào ngày mai.',
    'address-quota': 'Không gửi được: hôm nay đã có nhiều tệp gửi từ mạng Internet bạn đang dùng (có thể của người khác dùng chung mạng), xin vui lòng thử lại vào ngày mai.',
    'total-quota': 'Không gửi được: hệ thống tạm thời chưa nhận thêm tệp, xin vui lòng thử lại sau.',
  },
  en: {
    type: 'Not sent: only JPEG, PNG or WebP photos, or PDF, Word and Excel files.',
    size: 'Not sent: the file is too large (photos up to 10 MB, documents up to 20 MB).',
    'visitor-quota': 'Not sent: you have sent many files today; please try again tomorrow.',
    'address-quota': 'Not sent: many files have come from the Internet connection you are on today (perhaps from others sharing it); please try again tomorrow.',
    'total-quota': 'Not sent: the service cannot take more files just now; please try again later.',
  },
};
const refusedFile = (reason) => (document.documentElement.lang === 'en' ? REFUSED.en : REFUSED.vi)[reason];

// What the person sends waits in this queue, in order, and goes when the one before it is
// answered; it is shown at once as "sending". Texts and button presses are kept in
// localStorage with their ids, so after a reload they are sent again under the same id and the
// server handles each once. Files stay in memory: they are too large for localStorage.
const QUEUE_KEY = 'thidua.outgoing';
// How many files were still on their way: a reload loses them, and the person is told so.
const FILES_KEY = 'thidua.outgoingFiles';
const queue = [];
let sending = false;

const saveQueue = () => {
  try {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue.filter((item) => !(item.body instanceof Blob)).map(({ clientMessageId, body, echo }) => ({ clientMessageId, body, echo }))));
    localStorage.setItem(FILES_KEY, String(queue.filter((item) => item.body instanceof Blob).length));
  } catch {
    /* storage full or disabled: the queue still works for this page */
  }
};

function showPending(item) {
  item.element = append('me', item.echo, undefined, item.echoPhoto ? [{ url: item.echoPhoto }] : undefined);
  item.element.dataset.clientMessageId = item.clientMessageId;
  item.element.classList.add('pending');
  const state = document.createElement('span');
  state.className = 'state';
  state.textContent = t.sending;
  item.element.append(state);
}

function settle(item, delivered) {
  if (!item.element) showPending(item);
  item.element.classList.remove('pending');
  const state = item.element.querySelector('.state');
  if (delivered) state.remove();
  else {
    item.element.classList.add('failed');
    state.textContent = t.notSent;
  }
}

function send(body, echo, echoPhoto) {
  const item = { clientMessageId: newId(), body, echo, echoPhoto };
  mineShown.add(item.clientMessageId);
  queue.push(item);
  saveQueue();
  showPending(item);
  void drain();
}

async function drain() {
  if (sending) return;
  sending = true;
  while (queue.length) {
    const item = queue[0];
    const delivered = await deliver(item);
    queue.shift();
    saveQueue();
    settle(item, delivered);
  }
  sending = false;
}

/** Sends one message until it is accepted (true) or refused for good (false). */
async function deliver({ body, clientMessageId }) {
  // Retried with the same id until it is accepted (the bot handles it once), but only when
  // trying again can help: the network, the server (5xx), a rate limit (429) or a busy server
  // (503). Any other refusal is final: the same request would be refused again.
  for (let attempt = 0; ; attempt++) {
    let wait = Math.min(1000 * 2 ** attempt, 15000);
    try {
      // A file goes as raw bytes (the server reads no more than it allows); text as JSON.
      const res =
        body instanceof Blob
          ? await fetch(`/api/chat/upload?${new URLSearchParams({ clientMessageId, after, ...(body.name ? { name: body.name } : {}) })}`, {
              method: 'POST',
              headers: { 'content-type': 'application/octet-stream' },
              body,
            })
          : await fetch('/api/chat/send', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...body, clientMessageId, after }),
            });
      if (res.ok) {
        status.textContent = '';
        show(await res.json());
        return true;
      }
      const reason = (await res.json().catch(() => ({}))).reason;
      if ((res.status === 429 && reason !== 'visitor-quota' && reason !== 'address-quota') || res.status === 503) {
        const seconds = Number(res.headers.get('retry-after'));
        if (seconds > 0) wait = Math.min(seconds, 3600) * 1000;
        status.textContent = t.tooMany(Math.ceil(wait / 1000));
      } else if (res.status < 500 || res.status === 507) {
        status.textContent = refusedFile(reason) ?? (body instanceof Blob ? refusedFile('type') : t.refused);
        return false;
      } else status.textContent = t.retrying;
    } catch {
      status.textContent = t.retrying;
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}

// The server takes this much in one message; the dialogs say their own, smaller limits.
const MAX_TEXT = 8000;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  // Refused here, with the words left in the box to shorten, rather than cut or lost.
  if ([...text].length > MAX_TEXT) {
    status.textContent = t.tooLong(MAX_TEXT);
    return;
  }
  input.value = '';
  send({ text }, text);
});
// Typing works once the page can send: before, a form would go nowhere and take the words along.
for (const element of form.elements) element.disabled = false;
input.placeholder = t.placeholder;

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
    send(blob, '📷', dataUrl);
  } catch {
    status.textContent = t.unreadable;
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
    status.textContent = refusedFile('size');
    return;
  }
  send(file, `📎 ${file.name}`);
});

async function poll() {
  try {
    const res = await fetch(`/api/chat/messages?after=${after}`);
    if (res.ok) show(await res.json());
  } catch {
    /* offline: try again on the next tick */
  }
}

function restoreQueue() {
  try {
    const lost = Number(localStorage.getItem(FILES_KEY) ?? 0);
    localStorage.removeItem(FILES_KEY);
    if (lost > 0) status.textContent = t.filesLost(lost);
    for (const { clientMessageId, body, echo } of JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]')) {
      if (typeof clientMessageId !== 'string' || !body || typeof echo !== 'string') continue;
      mineShown.add(clientMessageId);
      queue.push({ clientMessageId, body, echo });
    }
  } catch {
    /* nothing kept, or unreadable: start afresh */
  }
}

// The stream opens once the visitor exists (the server answers 204 before). EventSource
// reconnects by itself after a network error, sending the last message number; a stream the
// server refused (too many open, a restart) is opened again later, and meanwhile the page polls.
let events;
let listenAgainAt = 0;
function listen() {
  if ((events && events.readyState !== EventSource.CLOSED) || Date.now() < listenAgainAt) return;
  events = new EventSource(`/api/chat/events?after=${after}`);
  events.addEventListener('message', (event) => show(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    if (events.readyState !== EventSource.CLOSED) return;
    listenAgainAt = Date.now() + 30000;
    setTimeout(listen, 30000);
  });
}

// The kept messages are known before the history comes, so it does not show them twice, and
// shown after it, as still being sent.
restoreQueue();
await poll();
for (const item of queue) if (!item.element) showPending(item);
if (after === 0 && queue.length === 0) send({ text: '/start' }, '/start');
else void drain();
setInterval(() => {
  if (events?.readyState !== EventSource.OPEN) void poll();
}, 5000);
