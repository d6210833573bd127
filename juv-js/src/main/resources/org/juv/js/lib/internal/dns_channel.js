// What c-ares is to Node's dns.Resolver: DNS queries over UDP to the configured name servers,
// each attempt from a dgram socket of its own (on juv's Udp), the answer parsed into Node's
// shapes. Servers are tried in turn, `tries` rounds, each attempt waiting `timeout` ms.
// A response that does not parse counts as a failed attempt (EBADRESP if all fail), as in
// c-ares 1.34. Not done: TCP (a truncated answer is used as it is), EDNS, search domains,
// `ndots`, and the rotation of servers.
'use strict';

const { isIP, isIPv4 } = require('internal/ip');

const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, ANY: 255, CAA: 257 };
const TYPE_NAMES = {};
for (const name of Object.keys(TYPES)) {
  TYPE_NAMES[TYPES[name]] = name;
}

/** DNS response codes as the errors c-ares reports them. */
const RCODE_ERRORS = { 1: 'EFORMERR', 2: 'ESERVFAIL', 3: 'ENOTFOUND', 4: 'ENOTIMP', 5: 'EREFUSED' };

const DEFAULT_TIMEOUT = 2000; // c-ares's first-try timeout
const DEFAULT_TRIES = 4;

/** A response that does not parse: the attempt failed (EBADRESP), as c-ares counts it. */
function BadResponse(why) {
  const e = new Error(why);
  e.dnsResponse = 'bad';
  return e;
}

/** A datagram that answers another query (id, question): ignored. */
function NotOurs(why) {
  const e = new Error(why);
  e.dnsResponse = 'other';
  return e;
}

// ------------------------------------------------------------------------------ the wire format

function encodeName(name) {
  const bytes = [];
  const labels = name.split('.');
  if (labels.length > 0 && labels[labels.length - 1] === '') {
    labels.pop(); // a trailing dot
  }
  for (const label of labels) {
    const b = Buffer.from(label, 'latin1');
    if (b.length === 0 || b.length > 63) {
      return null;
    }
    bytes.push(b.length);
    for (const x of b) {
      bytes.push(x);
    }
  }
  bytes.push(0);
  return bytes.length > 255 ? null : bytes;
}

/** A query: a 12-byte header (recursion desired), one question of class IN. */
function encodeQuery(id, name, type) {
  const qname = encodeName(name);
  if (qname === null) {
    return null;
  }
  const b = Buffer.alloc(12 + qname.length + 4);
  b.writeUInt16BE(id, 0);
  b.writeUInt16BE(0x0100, 2);
  b.writeUInt16BE(1, 4);
  for (let i = 0; i < qname.length; i++) {
    b[12 + i] = qname[i];
  }
  b.writeUInt16BE(type, 12 + qname.length);
  b.writeUInt16BE(1, 14 + qname.length);
  return b;
}

/** A name at offset (compression pointers followed, loops refused): { name, next }. */
function readName(msg, offset) {
  const labels = [];
  let next = -1;
  let jumps = 0;
  for (;;) {
    if (offset >= msg.length) {
      throw BadResponse('name past the end');
    }
    const len = msg[offset];
    if ((len & 0xC0) === 0xC0) {
      if (offset + 1 >= msg.length || ++jumps > 64) {
        throw BadResponse('bad pointer');
      }
      if (next === -1) {
        next = offset + 2;
      }
      offset = ((len & 0x3F) << 8) | msg[offset + 1];
      continue;
    }
    if (len & 0xC0) {
      throw BadResponse('bad label');
    }
    if (len === 0) {
      return { name: labels.join('.'), next: next === -1 ? offset + 1 : next };
    }
    if (offset + 1 + len > msg.length) {
      throw BadResponse('label past the end');
    }
    labels.push(msg.toString('latin1', offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
}

/** One <character-string>: { text, next }. */
function readString(msg, offset, end) {
  const len = msg[offset];
  if (offset + 1 + len > end) {
    throw BadResponse('string past the end');
  }
  return { text: msg.toString('latin1', offset + 1, offset + 1 + len), next: offset + 1 + len };
}

function ntop6(b, at) {
  const words = [];
  for (let i = 0; i < 8; i++) {
    words.push((b[at + 2 * i] << 8) | b[at + 2 * i + 1]);
  }
  // The longest run of two or more zero words becomes '::' (the first of equals), RFC 5952.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) {
      j++;
    }
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const v4tail = best === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xFFFF));
  const parts = [];
  for (let i = 0; i < (v4tail ? 6 : 8); i++) {
    if (i === best) {
      parts.push(i === 0 ? ':' : '');
      i += bestLen - 1;
      if (i === 7) {
        parts.push('');
      }
      continue;
    }
    parts.push(words[i].toString(16));
  }
  let text = parts.join(':');
  if (v4tail) {
    text += (text.endsWith(':') ? '' : ':') + b[at + 12] + '.' + b[at + 13] + '.' + b[at + 14] + '.' + b[at + 15];
  }
  return text;
}

/** One resource record's data in Node's shape, or undefined for a type Node does not show. */
function readRecord(msg, type, at, end) {
  switch (type) {
    case 1:
      if (end - at !== 4) {
        throw BadResponse('A of the wrong size');
      }
      return { address: msg[at] + '.' + msg[at + 1] + '.' + msg[at + 2] + '.' + msg[at + 3] };
    case 28:
      if (end - at !== 16) {
        throw BadResponse('AAAA of the wrong size');
      }
      return { address: ntop6(msg, at) };
    case 2: case 5: case 12:
      return { value: readName(msg, at).name };
    case 15: {
      const priority = msg.readUInt16BE(at);
      return { exchange: readName(msg, at + 2).name, priority };
    }
    case 16: {
      const entries = [];
      for (let p = at; p < end;) {
        const s = readString(msg, p, end);
        entries.push(s.text);
        p = s.next;
      }
      return { entries };
    }
    case 33: {
      const priority = msg.readUInt16BE(at);
      const weight = msg.readUInt16BE(at + 2);
      const port = msg.readUInt16BE(at + 4);
      return { name: readName(msg, at + 6).name, port, priority, weight };
    }
    case 35: {
      const order = msg.readUInt16BE(at);
      const preference = msg.readUInt16BE(at + 2);
      const flags = readString(msg, at + 4, end);
      const service = readString(msg, flags.next, end);
      const regexp = readString(msg, service.next, end);
      const replacement = readName(msg, regexp.next).name;
      return { flags: flags.text, service: service.text, regexp: regexp.text, replacement, order, preference };
    }
    case 6: {
      const mname = readName(msg, at);
      const rname = readName(msg, mname.next);
      const p = rname.next;
      if (p + 20 > end) {
        throw BadResponse('SOA too short');
      }
      return {
        nsname: mname.name, hostmaster: rname.name, serial: msg.readUInt32BE(p), refresh: msg.readUInt32BE(p + 4),
        retry: msg.readUInt32BE(p + 8), expire: msg.readUInt32BE(p + 12), minttl: msg.readUInt32BE(p + 16),
      };
    }
    case 257: {
      const critical = msg[at];
      const tagLength = msg[at + 1];
      const tag = msg.toString('latin1', at + 2, at + 2 + tagLength);
      const record = { critical };
      record[tag] = msg.toString('latin1', at + 2 + tagLength, end);
      return record;
    }
    default:
      return undefined;
  }
}

/**
 * A response to the query (id, name, type): { rcode, answers: [{ type, ttl, data }] }; throws
 * BadResponse when it does not parse or does not answer this question.
 */
function parseResponse(msg, id, name, type) {
  if (msg.length < 12 || msg.readUInt16BE(0) !== id || (msg[2] & 0x80) === 0) {
    throw NotOurs('not a response to this query');
  }
  const rcode = msg[3] & 0x0F;
  const qdcount = msg.readUInt16BE(4);
  const ancount = msg.readUInt16BE(6);
  let p = 12;
  for (let i = 0; i < qdcount; i++) {
    const q = readName(msg, p);
    if (q.next + 4 > msg.length) {
      throw BadResponse('question past the end');
    }
    if (i === 0 && (q.name.toLowerCase() !== stripDot(name).toLowerCase() || msg.readUInt16BE(q.next) !== type)) {
      throw NotOurs('another question');
    }
    p = q.next + 4;
  }
  const answers = [];
  for (let i = 0; i < ancount; i++) {
    const rr = readName(msg, p);
    if (rr.next + 10 > msg.length) {
      throw BadResponse('record past the end');
    }
    const rrType = msg.readUInt16BE(rr.next);
    const ttl = msg.readUInt32BE(rr.next + 4);
    const length = msg.readUInt16BE(rr.next + 8);
    const at = rr.next + 10;
    if (at + length > msg.length) {
      throw BadResponse('data past the end');
    }
    answers.push({ owner: rr.name, type: rrType, ttl, data: readRecord(msg, rrType, at, at + length) });
    p = at + length;
  }
  return { rcode, answers };
}

function stripDot(name) {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

// ------------------------------------------------------------------------------------- results

/** The order in which Node lists an ANY answer's records: by type, A (or CNAME) first. */
const ANY_ORDER = [TYPES.A, TYPES.AAAA, TYPES.MX, TYPES.NS, TYPES.TXT, TYPES.SRV, TYPES.PTR, TYPES.NAPTR, TYPES.SOA,
  TYPES.CAA];

/**
 * The canonical name at the end of the CNAME chain that starts at name, or null when the answer
 * has no CNAME for it.
 */
function canonicalName(name, answers) {
  let current = stripDot(name).toLowerCase();
  let found = null;
  for (let hops = 0; hops < answers.length; hops++) {
    const next = answers.find((a) => a.type === TYPES.CNAME && a.owner.toLowerCase() === current);
    if (next === undefined) {
      break;
    }
    found = next.data.value;
    current = found.toLowerCase();
  }
  return found;
}

/**
 * An address record's TTL, as c-ares gives it: no longer than the CNAMEs' before it (compared as
 * signed 32-bit numbers, so a TTL past 2^31 is never cut).
 */
function addressTtl(a, answers) {
  let cap = 0x7FFFFFFF;
  for (const c of answers) {
    if (c.type === TYPES.CNAME && (c.ttl | 0) < cap) {
      cap = c.ttl | 0;
    }
  }
  return (a.ttl | 0) > cap ? cap : a.ttl;
}

/** The answer to a query of `type` for name in Node's shape, or an error code (a string). */
function shape(name, type, answers, ttl) {
  const of = answers.filter((a) => a.type === type && a.data !== undefined);
  switch (type) {
    case TYPES.A: case TYPES.AAAA:
      return of.map((a) => (ttl ? { address: a.data.address, ttl: addressTtl(a, answers) } : a.data.address));
    case TYPES.CNAME: {
      const canonical = canonicalName(name, answers);
      return canonical === null ? [] : [canonical];
    }
    case TYPES.NS: case TYPES.PTR:
      return of.map((a) => a.data.value);
    case TYPES.TXT:
      return of.map((a) => a.data.entries);
    case TYPES.SOA:
      if (of.length > 0) {
        return of[0].data;
      }
      return answers.length > 0 ? 'EBADRESP' : [];
    case TYPES.ANY: {
      const out = [];
      const canonical = canonicalName(name, answers);
      for (const t of ANY_ORDER) {
        if (t === TYPES.A && canonical !== null) {
          out.push({ value: canonical, type: 'CNAME' }); // c-ares reads the A part as the alias
          continue;
        }
        for (const a of answers) {
          if (a.type !== t || a.data === undefined) {
            continue;
          }
          const record = Object.assign({}, a.data);
          if (t === TYPES.A || t === TYPES.AAAA) {
            record.ttl = addressTtl(a, answers);
          }
          record.type = TYPE_NAMES[t];
          out.push(record);
        }
      }
      return out;
    }
    default:
      return of.map((a) => a.data);
  }
}

/** in-addr.arpa or ip6.arpa name of an address, or null. */
function reverseName(ip) {
  if (isIPv4(ip)) {
    return ip.split('.').reverse().join('.') + '.in-addr.arpa';
  }
  if (isIP(ip) !== 6) {
    return null;
  }
  const groups = expand6(ip.split('%')[0]);
  const nibbles = [];
  for (const g of groups) {
    nibbles.push(...g.toString(16).padStart(4, '0').split(''));
  }
  return nibbles.reverse().join('.') + '.ip6.arpa';
}

/** The eight 16-bit groups of an IPv6 text (an IPv4 tail included). */
function expand6(text) {
  let tail = [];
  let head = text;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) !== -1) {
    const v4 = text.slice(lastColon + 1).split('.').map(Number);
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith('::')) {
      head = head.slice(0, -1); // the colon before the IPv4 part
    }
  }
  const halves = head.split('::');
  const words = (part) => (part ? part.split(':').map((x) => parseInt(x, 16)) : []);
  const left = words(halves[0]);
  const right = halves.length > 1 ? words(halves[1]) : [];
  const zeros = halves.length > 1 ? 8 - tail.length - left.length - right.length : 0;
  return left.concat(new Array(zeros).fill(0), right, tail);
}

/**
 * What c-ares's gethostbyaddr finds in /etc/hosts before it asks a server: the names of every
 * line for the address, merged, less the first one (Node lists the aliases); null when no line
 * has it.
 */
function hostsNames(ip) {
  let text;
  try {
    text = require('fs').readFileSync('/etc/hosts', 'latin1');
  } catch (e) {
    return null;
  }
  const six = isIP(ip) === 6;
  const want = six ? expand6(ip).join(':') : ip;
  const names = [];
  let found = false;
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2 || isIP(fields[0]) !== (six ? 6 : 4)) {
      continue;
    }
    if ((six ? expand6(fields[0]).join(':') : fields[0]) !== want) {
      continue;
    }
    found = true;
    for (const name of fields.slice(1)) {
      if (!names.includes(name)) {
        names.push(name);
      }
    }
  }
  return found ? names.slice(1) : null;
}

// -------------------------------------------------------------------------------------- channel

/** The name servers /etc/resolv.conf names, as [address, port]; c-ares's 127.0.0.1 without any. */
function systemServers() {
  const out = [];
  try {
    const text = require('fs').readFileSync('/etc/resolv.conf', 'latin1');
    for (const line of text.split('\n')) {
      const m = /^\s*nameserver\s+(\S+)/.exec(line);
      if (m && isIP(m[1].split('%')[0])) {
        out.push([m[1], 53]);
      }
    }
  } catch (e) {
    // no resolv.conf: the default below
  }
  return out.length > 0 ? out : [['127.0.0.1', 53]];
}

class Channel {
  constructor(timeout, tries) {
    this.timeout = timeout > 0 ? timeout : DEFAULT_TIMEOUT;
    this.tries = tries > 0 ? tries : DEFAULT_TRIES;
    this.servers = systemServers();
    this.local4 = undefined;
    this.local6 = undefined;
    this.pending = new Set();
  }

  getServers() {
    return this.servers.map((s) => [s[0], s[1]]);
  }

  /** Sends a query; done(code, answers) runs once, on a later tick at the earliest. */
  query(name, type, done) {
    const q = { name, type, done, attempt: 0, socket: null, timer: null, finished: false, id: 0 };
    this.pending.add(q);
    if (/(^|\.)onion\.?$/i.test(name)) {
      // RFC 7686: never sent (c-ares refuses .onion names)
      setImmediate(() => this.finish(q, 'ENOTFOUND'));
      return q;
    }
    if (this.servers.length === 0) {
      setImmediate(() => this.finish(q, 'ECONNREFUSED'));
      return q;
    }
    q.id = Math.floor(Math.random() * 0x10000);
    q.message = encodeQuery(q.id, name, type);
    if (q.message === null) {
      setImmediate(() => this.finish(q, 'EBADNAME'));
      return q;
    }
    this.send(q);
    return q;
  }

  send(q) {
    if (q.attempt >= this.tries * this.servers.length) {
      this.finish(q, q.lastError || 'ETIMEOUT');
      return;
    }
    const server = this.servers[q.attempt % this.servers.length];
    q.attempt++;
    const family = isIP(server[0]);
    const socket = require('dgram').createSocket(family === 6 ? 'udp6' : 'udp4');
    q.socket = socket;
    socket.on('error', () => {
      // refused (an ICMP port unreachable) or any other socket error: the next server
      q.lastError = 'ECONNREFUSED';
      this.next(q);
    });
    socket.on('message', (msg, rinfo) => {
      if (rinfo.port !== server[1]) {
        return;
      }
      let response;
      try {
        response = parseResponse(msg, q.id, q.name, q.type);
      } catch (e) {
        if (e.dnsResponse === 'other') {
          return; // another query's: this attempt keeps waiting
        }
        if (e.dnsResponse === 'bad') {
          q.lastError = 'EBADRESP'; // c-ares tries again at once, and reports it if all fail so
          this.next(q);
          return;
        }
        throw e;
      }
      const error = RCODE_ERRORS[response.rcode];
      if (error === 'ESERVFAIL' || error === 'ENOTIMP' || error === 'EREFUSED') {
        // another server may answer: go on to it, and report this if none does
        q.lastError = error;
        this.next(q);
        return;
      }
      this.finish(q, error || null, response.answers);
    });
    const local = family === 6 ? this.local6 : this.local4;
    const go = () => socket.send(q.message, server[1], server[0], (err) => {
      if (err) {
        q.lastError = 'ECONNREFUSED';
        this.next(q);
      }
    });
    if (local !== undefined) {
      socket.bind({ address: local, port: 0 }, go);
    } else {
      go();
    }
    q.timer = setTimeout(() => this.next(q), this.timeout);
  }

  next(q) {
    if (q.finished) {
      return;
    }
    this.release(q);
    this.send(q);
  }

  release(q) {
    clearTimeout(q.timer);
    q.timer = null;
    if (q.socket !== null) {
      const socket = q.socket;
      q.socket = null;
      socket.removeAllListeners('message');
      socket.on('error', () => {});
      socket.close();
    }
  }

  finish(q, code, answers) {
    if (q.finished) {
      return;
    }
    q.finished = true;
    this.release(q);
    this.pending.delete(q);
    q.done(code, answers || []);
  }

  cancel() {
    for (const q of [...this.pending]) {
      this.finish(q, 'ECANCELLED');
    }
  }
}

module.exports = { Channel, TYPES, shape, reverseName, hostsNames };
