// Falls over at once: a message on stderr and exit code 3.
process.stderr.write('boom: the agent fell over\n');
process.exit(3);
