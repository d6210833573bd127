// DEP0005 is Node's warning to a program's own code: new Buffer() called from a package under
// node_modules does not warn; the program's own call then does, once. Written in ES5 for Rhino.
var warnings = [];
process.on('warning', function (w) { warnings.push(w.code); });
var make = require('./modules/node_modules/old-buffer');
var made = make('abc');
made = make('defg');
console.log(made[0].length, made[1].toString());
setImmediate(function () {
  console.log('after the package:', JSON.stringify(warnings));
  Buffer(2);
  new Buffer('x');
  setImmediate(function () { console.log('after the program:', JSON.stringify(warnings)); });
});
