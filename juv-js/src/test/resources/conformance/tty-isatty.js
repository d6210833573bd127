// tty.isatty: the C library's answer for real descriptors (the test runs both with pipes, not a
// terminal), and false for what cannot be one; the stream classes need a TTY handle.
var tty = require('tty');
console.log(tty.isatty(0), tty.isatty(1), tty.isatty(2));
console.log(tty.isatty(-1), tty.isatty(1.5), tty.isatty('1'), tty.isatty(2147483648), tty.isatty(123456));
console.log(typeof tty.ReadStream, typeof tty.WriteStream);
