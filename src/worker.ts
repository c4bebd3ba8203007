console.error('There are no durable jobs to run yet: the job worker arrives with durable runs (issue #5).');
process.exit(1);
