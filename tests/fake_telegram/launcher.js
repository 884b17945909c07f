#!/usr/bin/env node
'use strict';
// Fake Telegram Bot API server for end-to-end tests.
//
// Usage: node launcher.js PORT [--exit-on-stdin-close]   (or FAKE_TG_PORT=PORT)
//
// telegram-test-api 4.2.1 keeps the in-memory storage, the id counters, the listening socket,
// the clean-up timer and its history routes. Its bot routes answer shapes aiogram rejects
// (getMe without is_bot, callbacks without chat_instance, dates in ms, getUpdates ignoring
// offset/timeout, HTTP 500 without `ok` for unknown methods) and check no Bot API limits.
// So one handler sits in front of the package's express app: it answers every
// /bot<token>/<method> call and the fake-user routes itself, and hands the rest
// (POST /getUpdates, POST /getUpdatesHistory) to the package.
const { EventEmitter } = require('events');
const TelegramServer = require('telegram-test-api'); // the module itself is the class

const port = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) || process.env.FAKE_TG_PORT);
if (!port) { // the package turns port 0 into 9000, so the caller must pick a free port
  process.stderr.write('usage: node launcher.js PORT (a free port; 0 is not supported)\n');
  process.exit(2);
}
const storeTimeout = Number(process.env.FAKE_TG_STORE_TIMEOUT || 600); // seconds
const BOT_USERNAME = process.env.FAKE_TG_BOT_USERNAME || 'BrugTestBot';

const tg = new TelegramServer({ port, host: '127.0.0.1', storeTimeout });
const packageApp = tg.webServer;
const wake = new EventEmitter(); // emits <token> when a user update arrives: ends long polls
wake.setMaxListeners(0);
let closing = false;

const now = () => Math.floor(Date.now() / 1000); // Telegram dates are in seconds
class ApiError extends Error {
  constructor(code, description) { super(description); this.code = code; }
}
const bad = (what) => new ApiError(400, `Bad Request: ${what}`);
// aiogram sends nested objects (reply_markup, commands, ...) as JSON strings in a form.
const json = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
const truthy = (v) => v === true || v === 'true' || v === 'True' || v === '1';

// What the package does not keep, per bot token (tokens are unique per test).
const bots = new Map();
function state(token) {
  if (!bots.has(token)) {
    bots.set(token, {
      messages: new Map(), // "chat:message_id" -> record of a bot message, edits applied
      chats: new Map(), // chat id -> Chat object last seen from the fake user
      callbacks: new Map(), // callback_query id -> chat id, to file answers under a chat
      events: [], // every bot call but getMe/getUpdates, failed ones with `error`
      commands: new Map(), // JSON [scope, language_code] -> setMyCommands entry
      allowed: null, // allowed_updates, remembered between calls like Telegram does
      held: null, // the getUpdates request being held open, if any
      stats: { getUpdates: 0 },
    });
  }
  return bots.get(token);
}
const botUser = (token) => ({
  id: Number(token.split(':')[0]) || 1, is_bot: true, first_name: 'Brug Test', username: BOT_USERNAME,
});
const chatOf = (token, chatId) => state(token).chats.get(chatId)
  || (chatId < 0 ? { id: chatId, type: 'group', title: 'Test group' } : { id: chatId, type: 'private' });

// ---- Bot API limits: fail like real Telegram so tests catch what production would reject.
// Text the user sees once parse_mode markup is gone (approximate) and checks that Telegram's
// entity parser would refuse.
function visibleText(text, parseMode) {
  const mode = String(parseMode || '').toLowerCase();
  if (mode === 'html') {
    const tag = /<\/?(b|strong|i|em|u|ins|s|strike|del|span|tg-spoiler|tg-emoji|a|code|pre|blockquote)(\s[^>]*)?>/gi;
    const plain = text.replace(tag, '');
    if (/<|&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i.test(plain)) {
      throw bad("can't parse entities: unsupported tag or unescaped '<' or '&'");
    }
    const named = { lt: '<', gt: '>', amp: '&', quot: '"' };
    return plain.replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, (_m, e) => named[e.toLowerCase()]
      || String.fromCodePoint(Number(e[1].toLowerCase() === 'x' ? `0${e.slice(1)}` : e.slice(1))));
  }
  if (mode === 'markdownv2') {
    // Outside link URLs and code, these characters are never markup and must be escaped.
    const bare = text.replace(/\\./g, '').replace(/\]\([^)]*\)/g, ']').replace(/```[\s\S]*?```|`[^`]*`/g, '');
    const reserved = /[#+\-={}.!]/.exec(bare);
    if (reserved) {
      throw bad(`can't parse entities: Character '${reserved[0]}' is reserved and must be escaped `
        + "with the preceding '\\'");
    }
  }
  if (mode === 'markdownv2' || mode === 'markdown') {
    return text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\(.)|[*_~|`]/g, (_m, c) => c || '');
  }
  return text;
}
// Length in UTF-16 code units, which is what JavaScript's String length counts.
function checkText(body, field, limit, required) {
  if (body[field] === undefined || body[field] === '') {
    if (required) throw bad('message text is empty');
    return undefined;
  }
  const text = visibleText(String(body[field]), body.parse_mode);
  if (required && !text.trim()) throw bad('message text is empty');
  if (text.length > limit) {
    throw bad(field === 'caption' ? 'message caption is too long' : 'message is too long');
  }
  return text;
}
function checkMarkup(body) {
  if (body.reply_markup === undefined || body.reply_markup === '') return undefined;
  let markup;
  try {
    markup = json(body.reply_markup);
  } catch (e) {
    throw bad("can't parse reply keyboard markup JSON object");
  }
  for (const row of markup.inline_keyboard || []) {
    for (const button of row) {
      if (button.callback_data === undefined) continue;
      const bytes = Buffer.byteLength(String(button.callback_data), 'utf8'); // 1-64 bytes, not characters
      if (bytes < 1 || bytes > 64) throw bad('BUTTON_DATA_INVALID');
    }
  }
  return markup;
}

// ---- Bot messages: the package stores them (history, its client /getUpdates); we keep the
// Telegram-shaped Message with edits applied, which is what tests look at.
function storeBotMessage(token, body, kind, content, markup) {
  const chatId = Number(body.chat_id);
  if (!Number.isFinite(chatId) || body.chat_id === '') throw bad('chat not found');
  const { message_id: messageId } = tg.addBotMessage({ ...body }, token);
  const msg = {
    message_id: messageId, date: now(), chat: chatOf(token, chatId), from: botUser(token), ...content,
  };
  if (markup && markup.inline_keyboard) msg.reply_markup = markup; // Telegram echoes inline keyboards only
  state(token).messages.set(`${chatId}:${messageId}`, {
    msg,
    kind,
    markup: markup || null, // as sent, any keyboard kind: what the test wants to see
    raw_text: body.text ?? body.caption ?? null,
    parse_mode: body.parse_mode || null,
    edits: 0,
  });
  return msg;
}
function sendMedia(kind) {
  return (token, body) => {
    const caption = checkText(body, 'caption', 1024, false);
    const markup = checkMarkup(body);
    let file = body[kind]; // a file_id, or (aiogram uploads) "attach://<part name>"
    if (typeof file === 'string' && file.startsWith('attach://')) file = body[file.slice(9)];
    if (!file) throw bad(`there is no ${kind} in the request`);
    const id = typeof file === 'string' ? file : `fake-${kind}-${tg.messageId}`; // made up for uploads
    const extra = { photo: { width: 800, height: 600 }, voice: { duration: 1 } }[kind]
      || { file_name: file.filename || 'file' };
    const media = { file_id: id, file_unique_id: id, ...extra };
    const content = { [kind]: kind === 'photo' ? [media] : media };
    if (caption !== undefined) content.caption = caption;
    return storeBotMessage(token, body, kind, content, markup);
  };
}
function editMessage(token, body, change) {
  if (body.inline_message_id) return true;
  const record = state(token).messages.get(`${Number(body.chat_id)}:${Number(body.message_id)}`);
  if (!record) throw bad('message to edit not found');
  if ('text' in change && record.msg.text === undefined) throw bad('there is no text in the message to edit');
  const next = { ...record.msg, ...change };
  // An edit without reply_markup removes the inline keyboard, as on real Telegram.
  if (!change.reply_markup || !change.reply_markup.inline_keyboard) delete next.reply_markup;
  const content = (m) => JSON.stringify([m.text, m.caption, m.reply_markup]);
  if (content(next) === content(record.msg)) {
    throw bad('message is not modified: specified new message content and reply markup are exactly '
      + 'the same as a current content and reply markup of the message');
  }
  next.edit_date = now();
  Object.assign(record, { msg: next, markup: change.reply_markup || null, edits: record.edits + 1 });
  if ('text' in change) Object.assign(record, { raw_text: body.text, parse_mode: body.parse_mode || null });
  try { tg.editMessageText({ ...body }); } catch (e) { /* the package copy is only for its history */ }
  return next;
}

// ---- getUpdates: confirm by offset, redeliver until confirmed, long poll for `timeout` s.
const updateType = (item) => ('callbackQuery' in item ? 'callback_query' : 'message');
function pending(token) {
  const { allowed } = state(token);
  return tg.storage.userMessages.filter((item) => item.botToken === token && !item.confirmed
    && (!allowed || allowed.includes(updateType(item))));
}
const formatUpdate = (item) => ({
  update_id: item.updateId, [updateType(item)]: item.message || item.callbackQuery,
});
async function getUpdates(token, body, res) {
  const st = state(token);
  st.stats.getUpdates += 1;
  if (body.allowed_updates !== undefined) {
    const allowed = json(body.allowed_updates);
    st.allowed = allowed && allowed.length ? allowed : null;
  }
  const offset = Number(body.offset || 0);
  for (const item of tg.storage.userMessages) {
    if (item.botToken === token && offset > 0 && item.updateId < offset) item.confirmed = true;
  }
  const limit = Math.min(Math.max(Number(body.limit) || 100, 1), 100);
  if (st.held) { // two pollers on one token (two bot instances): Telegram ends the older one with 409
    send(st.held.res, 409, {
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    st.held.done();
  }
  // Hold an empty answer for `timeout` seconds, and at least 0.1 s even with timeout 0,
  // so an idle bot does not spin at thousands of requests per second.
  if (!pending(token).length && !closing) {
    const waitMs = Math.max(Math.min(Number(body.timeout) || 0, 50) * 1000, 100);
    await new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer); wake.off(token, done); wake.off('closing', done);
        if (st.held && st.held.res === res) st.held = null;
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      st.held = { res, done };
      wake.on(token, done); wake.on('closing', done); res.on('close', done);
    });
  }
  return pending(token).slice(0, limit).map(formatUpdate);
}

const scopeOf = (body) => json(body.scope || '{"type":"default"}');
const commandKey = (body) => JSON.stringify([scopeOf(body), body.language_code || '']);
const methods = {
  getme: (token) => ({
    ...botUser(token),
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),
  getupdates: (token, body, res) => getUpdates(token, body, res),
  deletewebhook: (token, body) => {
    state(token).webhook = null;
    if (truthy(body.drop_pending_updates)) pending(token).forEach((item) => { item.confirmed = true; });
    return true;
  },
  // Recorded only: the package would POST updates itself and crash node on a non-2xx, so a
  // webhook test posts its updates to the bot directly and reads the calls recorded here.
  setwebhook: (token, body) => {
    if (!/^https?:\/\//.test(body.url || '')) throw bad('bad webhook: an HTTP(S) URL must be provided');
    state(token).webhook = { url: body.url, secret_token: body.secret_token || '' };
    return true;
  },
  getwebhookinfo: (token) => ({
    url: (state(token).webhook || {}).url || '', has_custom_certificate: false,
    pending_update_count: pending(token).length,
  }),
  setmycommands: (token, body) => {
    const commands = json(body.commands || '[]');
    for (const c of commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw bad('BOT_COMMAND_INVALID');
      if (!c.description || c.description.length > 256) throw bad('command description is invalid');
    }
    const entry = { scope: scopeOf(body), language_code: body.language_code || '', commands };
    state(token).commands.set(commandKey(body), entry);
    return true;
  },
  getmycommands: (token, body) => (state(token).commands.get(commandKey(body)) || { commands: [] }).commands,
  deletemycommands: (token, body) => { state(token).commands.delete(commandKey(body)); return true; },
  sendchataction: () => true,
  sendmessage: (token, body) => {
    const text = checkText(body, 'text', 4096, true);
    const markup = checkMarkup(body);
    return storeBotMessage(token, body, 'text', { text }, markup);
  },
  sendphoto: sendMedia('photo'),
  senddocument: sendMedia('document'),
  sendvoice: sendMedia('voice'),
  editmessagetext: (token, body) => {
    const text = checkText(body, 'text', 4096, true);
    return editMessage(token, body, { text, reply_markup: checkMarkup(body) });
  },
  editmessagereplymarkup: (token, body) => editMessage(token, body, { reply_markup: checkMarkup(body) }),
  deletemessage: (token, body) => {
    if (!state(token).messages.delete(`${Number(body.chat_id)}:${Number(body.message_id)}`)) {
      throw bad('message to delete not found');
    }
    return true;
  },
  answercallbackquery: (token, body) => {
    if (!state(token).callbacks.has(String(body.callback_query_id))) {
      throw bad('query is too old and response timeout expired or query ID is invalid');
    }
    return true;
  },
};

async function botCall(token, method, body, res) {
  const st = state(token);
  const handler = methods[method.toLowerCase()]; // Telegram method names are case-insensitive
  const quiet = ['getme', 'getupdates'].includes(method.toLowerCase());
  const chatId = body.chat_id !== undefined ? Number(body.chat_id)
    : st.callbacks.get(String(body.callback_query_id));
  const event = { method, at: now(), chat_id: chatId ?? null, params: body };
  try {
    if (!handler) {
      throw new ApiError(404, `Not Found: method ${method} is not emulated by the fake Telegram server`);
    }
    const result = await handler(token, body, res);
    if (!quiet) st.events.push({ ...event, result });
    return send(res, 200, { ok: true, result });
  } catch (e) {
    if (!quiet) st.events.push({ ...event, error: e.message });
    throw e;
  }
}

// ---- Fake user ("client") routes. Bodies take {token, chatId, userId?, firstName?,
// username?, languageCode?}; the package's own shape ({botToken, chat, from}) also works.
function fromUser(body) {
  const token = body.token || body.botToken;
  if (!token) throw bad('token is required');
  const chatId = Number(body.chatId ?? body.chat_id ?? (body.chat && body.chat.id) ?? 1);
  const f = body.from || {};
  const from = {
    id: Number(body.userId ?? f.id ?? (chatId > 0 ? chatId : 1)),
    is_bot: false,
    first_name: body.firstName || f.first_name || 'Test',
    language_code: body.languageCode || f.language_code || 'en',
  };
  if (body.username || f.username) from.username = body.username || f.username;
  const chat = chatId > 0 ? { id: chatId, type: 'private', first_name: from.first_name }
    : { id: chatId, type: 'group', title: body.chatTitle || 'Test group' };
  state(token).chats.set(chatId, chat);
  return { token, chatId, from, chat };
}
const userMessage = (u, content) => ({
  message_id: tg.messageId++, date: now(), chat: u.chat, from: u.from, ...content,
});
function addUserUpdate(token, payload, isCallback) {
  const item = { // the package's own shape, plus `confirmed`
    time: Date.now(), botToken: token, updateId: tg.updateId++, messageId: payload.message_id, isRead: false,
  };
  if (isCallback) Object.assign(item, { callbackQuery: payload, callbackId: Number(payload.id) });
  else item.message = payload;
  tg.storage.userMessages.push(item); // the package's storage, so its history route sees it too
  wake.emit(token);
  return formatUpdate(item);
}
const commandEntity = (text) => {
  const command = /^\/[\w@]+/.exec(text);
  return command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined;
};
function userMedia(kind) {
  return (body) => {
    const id = `fake-user-${kind}-${tg.messageId}`;
    const media = kind === 'photo' // Telegram sends several sizes, the largest last
      ? [{ file_id: `${id}-s`, file_unique_id: `${id}-s`, width: 90, height: 90, file_size: 1000 },
        { file_id: id, file_unique_id: id, width: 800, height: 600, file_size: 50000 }]
      : { file_id: id, file_unique_id: id, duration: Number(body.duration || 3), mime_type: 'audio/ogg' };
    const content = { [kind]: media };
    if (body.caption) content.caption = body.caption;
    const u = fromUser(body);
    return addUserUpdate(u.token, userMessage(u, content));
  };
}
const clientRoutes = {
  '/sendMessage': (body) => {
    if (!body.text) throw bad('text is required');
    const entities = json(body.entities) || commandEntity(body.text); // real clients mark /commands
    const u = fromUser(body);
    const content = entities ? { text: body.text, entities } : { text: body.text };
    return addUserUpdate(u.token, userMessage(u, content));
  },
  '/sendCommand': (body) => {
    const command = body.command || String(body.text || '').split(' ')[0];
    if (!command.startsWith('/')) throw bad('command must start with /');
    const payload = body.payload ?? String(body.text || '').split(' ').slice(1).join(' ');
    const text = payload ? `${command} ${payload}` : command;
    const u = fromUser(body);
    return addUserUpdate(u.token, userMessage(u, { text, entities: commandEntity(text) }));
  },
  '/sendCallback': (body) => {
    const messageId = Number(body.messageId ?? body.message_id ?? (body.message && body.message.message_id));
    const u = fromUser(body);
    const record = state(u.token).messages.get(`${u.chatId}:${messageId}`);
    if (!record) throw bad(`no bot message ${messageId} in chat ${u.chatId}`);
    const buttons = (record.msg.reply_markup?.inline_keyboard || []).flat().map((b) => b.callback_data);
    // A real user can only press a button that is on the message; `force` skips this.
    if (!truthy(body.force) && !buttons.includes(body.data)) {
      throw bad(`no button with callback_data ${JSON.stringify(body.data)} on message ${messageId}; `
        + `buttons: ${JSON.stringify(buttons)}`);
    }
    const query = { // chat_instance and a full message: aiogram drops the batch without them
      id: String(tg.callbackId++),
      from: u.from,
      message: record.msg,
      chat_instance: `fake-${u.chatId}`,
      data: body.data,
    };
    state(u.token).callbacks.set(query.id, u.chatId);
    return addUserUpdate(u.token, query, true);
  },
  '/sendPhoto': userMedia('photo'),
  '/sendVoice': userMedia('voice'),
  // Everything the bot did for a token (optionally one chat), for assertions.
  '/inspect': (body) => {
    const token = body.token || body.botToken;
    const st = state(token);
    const chatId = body.chatId === undefined || body.chatId === '' ? null : Number(body.chatId);
    const inChat = (id) => chatId === null || id === chatId;
    const events = st.events.filter((e) => inChat(e.chat_id));
    const updates = tg.storage.userMessages.filter((i) => i.botToken === token
      && inChat((i.message || i.callbackQuery.message).chat.id));
    return {
      messages: [...st.messages.values()].filter((r) => inChat(r.msg.chat.id)).map((r) => ({
        ...r.msg,
        chat_id: r.msg.chat.id,
        kind: r.kind,
        reply_markup: r.markup,
        raw_text: r.raw_text,
        parse_mode: r.parse_mode,
        edit_count: r.edits,
      })),
      events,
      callback_answers: events.filter((e) => /^answerCallbackQuery$/i.test(e.method) && !e.error)
        .map((e) => e.params),
      commands: [...st.commands.values()],
      updates: updates.map((i) => ({ ...formatUpdate(i), confirmed: Boolean(i.confirmed) })),
      stats: st.stats,
    };
  },
};

// ---- Request plumbing: we read the body ourselves (also multipart, which the package cannot).
function parseMultipart(raw, type) {
  const boundary = Buffer.from(`--${/boundary="?([^";]+)"?/.exec(type)[1]}`);
  const fields = {};
  for (let pos = raw.indexOf(boundary); pos !== -1;) {
    const next = raw.indexOf(boundary, pos + boundary.length);
    if (next === -1) break;
    const part = raw.subarray(pos + boundary.length + 2, next - 2); // drop the CRLFs around the part
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /;\s*name="([^"]*)"/i.exec(head);
    const file = /filename="([^"]*)"/i.exec(head);
    if (name) fields[name[1]] = file ? { filename: file[1], size: data.length } : data.toString('utf8');
    pos = next;
  }
  return fields;
}
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] || '';
  const fields = Object.fromEntries(new URL(req.url, 'http://localhost').searchParams);
  if (!raw.length) return fields;
  try {
    if (type.includes('multipart/form-data')) return { ...fields, ...parseMultipart(raw, type) };
    if (type.includes('json')) return { ...fields, ...JSON.parse(raw.toString('utf8')) };
    return { ...fields, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  } catch (e) {
    throw bad(`can't parse request body: ${e.message}`);
  }
}
function send(res, status, payload) {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
async function front(req, res) {
  const path = new URL(req.url, 'http://localhost').pathname;
  try {
    const body = await readBody(req);
    const botRoute = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (botRoute) return await botCall(decodeURIComponent(botRoute[1]), botRoute[2], body, res);
    if (clientRoutes[path]) return send(res, 200, { ok: true, result: await clientRoutes[path](body) });
    if (path === '/getUpdates' || path === '/getUpdatesHistory') {
      Object.assign(req, { body, _body: true }); // tells express' body parsers the body is read
      return packageApp(req, res);
    }
    throw new ApiError(404, `Not Found: no route ${req.method} ${path}`);
  } catch (e) {
    if (e instanceof ApiError) {
      return send(res, e.code, { ok: false, error_code: e.code, description: e.message });
    }
    process.stderr.write(`fake telegram: ${req.method} ${path}: ${e.stack}\n`);
    return send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${e.message}` });
  }
}
front.settings = packageApp.settings; // TelegramServer.start() logs settings.env
tg.webServer = front; // start() builds its http server from this handler

async function shutdown() {
  if (closing) return;
  closing = true;
  wake.emit('closing'); // answer held getUpdates now, or the server would wait for them
  setTimeout(() => process.exit(0), 2000).unref();
  await tg.stop();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (process.argv.includes('--exit-on-stdin-close')) { // the test runner died: do not linger
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}

tg.start().then(() => process.stdout.write(`READY ${port}\n`), (e) => {
  process.stderr.write(`fake telegram: cannot listen on 127.0.0.1:${port}: ${e.message}\n`);
  process.exit(1);
});
