'use strict';
let data = '';
let chunks = 0;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { data += d; chunks++; });
process.stdin.on('end', () => {
  const lines = data.split('\n').filter((l) => l.length > 0);
  console.log('lines:', lines.length, 'first:', lines[0], 'last:', lines[lines.length - 1], 'bytes:', data.length);
  console.log('isTTY:', process.stdin.isTTY, 'fd:', process.stdin.fd, 'readable:', process.stdin.readable);
});
process.stdin.on('close', () => console.log('stdin closed'));
