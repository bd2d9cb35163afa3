// Starts dynalite on 127.0.0.1 and prints one line "dynalite-port=<port>" once it listens.
//
//   node start.js [--port N] [--path DIR]
//
// Without --port the operating system picks a free port, so parallel runs never collide.
// Without --path the data lives in memory. The server exits when its standard input closes:
// the JVM that started it holds that pipe, so no server outlives the tests that needed it,
// even when the JVM is killed.
'use strict'

const dynalite = require('dynalite')

function option(name) {
  const at = process.argv.indexOf('--' + name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const server = dynalite({
  path: option('path'),
  // Tables are ACTIVE at once: the tests create many of them and wait for ACTIVE anyway.
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
})

server.listen(Number(option('port') || 0), '127.0.0.1', () => {
  process.stdout.write('dynalite-port=' + server.address().port + '\n')
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
