// buf.copy() and buf.toString() positions as Node reads them: copy makes integers of what it is
// given (what is not a number is 0), refuses negative ones and a source start past the end, and
// stops at either buffer's end; toString compares start and end as given, then truncates them.
var src = Buffer.from('abcdef');

function show(what, fn) {
  try {
    console.log(what + ': ' + JSON.stringify(fn()));
  } catch (e) {
    console.log(what + ': ' + e.name + ' ' + e.code + ' ' + e.message);
  }
}

function copy(args) {
  var t = Buffer.alloc(4, 0x2e);
  var n = src.copy.apply(src, [t].concat(args));
  return [n, t.toString()];
}

show('copy()', function () { return copy([]); });
show('copy(1)', function () { return copy([1]); });
show('copy(0, 2)', function () { return copy([0, 2]); });
show('copy(0, 2, 3)', function () { return copy([0, 2, 3]); });
show('copy(0, 0, 100)', function () { return copy([0, 0, 100]); });
show('copy("1", "2.7")', function () { return copy(['1', '2.7']); });
show('copy(0, "x")', function () { return copy([0, 'x']); });
show('copy(-1)', function () { return copy([-1]); });
show('copy(0, 7)', function () { return copy([0, 7]); });
show('copy(0, 0, -1)', function () { return copy([0, 0, -1]); });
show('copy(5)', function () { return copy([5]); });
show('copy(0, 3, 3)', function () { return copy([0, 3, 3]); });
show('copy("no buffer")', function () { return src.copy('no buffer'); });
var starts = [3, Infinity, 'Infinity', -1, '-1.99', 'node.js', {}, null, true, '1.99', 1.99];
for (var i = 0; i < starts.length; i++) {
  show('toString("ascii", ' + JSON.stringify(starts[i]) + ', 6)', function () { return src.toString('ascii', starts[i], 6); });
}
var ends = [0, -1.2, 100, '5', 'Infinity', 6.99, null];
for (var j = 0; j < ends.length; j++) {
  show('toString("ascii", 1, ' + JSON.stringify(ends[j]) + ')', function () { return src.toString('ascii', 1, ends[j]); });
}
show('toString(0, 1, 2)', function () { return src.toString(0, 1, 2); });
show('toString(null, 1, 2)', function () { return src.toString(null, 1, 2); });
show('toString(undefined, 1, 2)', function () { return src.toString(undefined, 1, 2); });
