// Tests render the program many times in one process; the SDK adds a listener per render.
process.setMaxListeners(0);
