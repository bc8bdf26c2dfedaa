import { run } from './main.js'

// Not `await run()`: run() turns every error into setFailed itself, and a top-level await makes
// the bundle an async module, which costs a few milliseconds of every start (npm run bench).
void run()
