// fs's callback API: each call completes from the loop, after the main module, in Node's order
// relative to timers, immediates and ticks; errors carry Node's code, errno, syscall and path.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juv-fs-cb-'));
const p = (name) => path.join(dir, name);
const short = (s) => String(s).split(dir).join('<dir>');

let sync = true;
fs.writeFile(p('a.txt'), 'first line\n', (err) => {
  console.log('writeFile', err, 'sync?', sync);
  fs.appendFile(p('a.txt'), Buffer.from('second line\n'), (err) => {
    console.log('appendFile', err);
    fs.readFile(p('a.txt'), 'utf8', (err, text) => {
      console.log('readFile', err, JSON.stringify(text));
      process.nextTick(() => console.log('tick inside readFile callback'));
      Promise.resolve().then(() => console.log('promise inside readFile callback'));
      fs.stat(p('a.txt'), (err, st) => {
        console.log('stat', err, st.size, st.isFile());
        fs.readdir(dir, (err, names) => {
          console.log('readdir', err, names);
          fs.open(p('a.txt'), 'r', (err, fd) => {
            console.log('open', err, typeof fd);
            const buf = Buffer.alloc(5);
            fs.read(fd, buf, 0, 5, 6, (err, n, b) => {
              console.log('read', err, n, b.toString(), b === buf);
              fs.close(fd, (err) => {
                console.log('close', err);
                errors();
              });
            });
          });
        });
      });
    });
  });
});
sync = false;
console.log('main module done');

function errors() {
  fs.readFile(p('missing.txt'), (err, data) => {
    console.log('missing', err.code, err.errno, err.syscall, short(err.path), data);
    console.log(short(err.message));
    fs.mkdir(p('a.txt'), (err) => {
      console.log('mkdir', err.code, short(err.message));
      fs.rename(p('nope'), p('other'), (err) => {
        console.log('rename', err.code, short(err.path), short(err.dest), short(err.message));
        fs.exists(p('a.txt'), (yes) => {
          console.log('exists', yes);
          fs.access(p('nope'), fs.constants.R_OK, (err) => {
            console.log('access', err.code);
            cleanup();
          });
        });
      });
    });
  });
}

function cleanup() {
  fs.mkdir(p('x/y/z'), { recursive: true }, (err, first) => {
    console.log('mkdir recursive', err, short(first));
    fs.rm(dir, { recursive: true, force: true }, (err) => {
      console.log('rm', err, fs.existsSync(dir));
    });
  });
}

try {
  fs.readFile(p('a.txt'));
} catch (e) {
  console.log('no callback:', e.code);
}
