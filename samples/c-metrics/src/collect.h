#ifndef METRICSD_COLLECT_H
#define METRICSD_COLLECT_H

#include <stdio.h>

struct sample {
	double load1, load5, load15;
	long mem_total_kb;
	long mem_available_kb;
	double uptime_s;
};

/* Reads /proc (or another root given for tests) into s. Returns 0 on success. */
int collect(const char *proc_root, struct sample *s);

/* Writes s in the Prometheus text exposition format. */
void write_prometheus(FILE *out, const struct sample *s);

#endif
