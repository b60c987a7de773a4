/*
 * metricsd: prints host metrics from /proc in the Prometheus text format.
 *
 *   metricsd             print one sample and exit
 *   metricsd -i 15       print a sample every 15 seconds
 *   metricsd -p /host/proc -i 15
 */
#include "collect.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-p proc_root] [-i interval_seconds]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *proc_root = "/proc";
	unsigned interval = 0;
	struct sample s;
	int opt;

	while ((opt = getopt(argc, argv, "p:i:h")) != -1) {
		switch (opt) {
		case 'p':
			proc_root = optarg;
			break;
		case 'i':
			interval = (unsigned)strtoul(optarg, NULL, 10);
			break;
		default:
			usage(argv[0]);
		}
	}

	for (;;) {
		if (collect(proc_root, &s) != 0) {
			fprintf(stderr, "metricsd: cannot read %s\n", proc_root);
			return 1;
		}
		write_prometheus(stdout, &s);
		if (interval == 0)
			return 0;
		sleep(interval);
	}
}
