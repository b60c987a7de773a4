#include "collect.h"

#include <stdio.h>
#include <string.h>

static FILE *open_proc(const char *root, const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", root, name);
	return fopen(path, "r");
}

static int read_loadavg(const char *root, struct sample *s)
{
	FILE *f = open_proc(root, "loadavg");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%lf %lf %lf", &s->load1, &s->load5, &s->load15);
	fclose(f);
	return n == 3 ? 0 : -1;
}

static int read_meminfo(const char *root, struct sample *s)
{
	FILE *f = open_proc(root, "meminfo");
	char key[64];
	long value;

	if (!f)
		return -1;
	s->mem_total_kb = s->mem_available_kb = -1;
	while (fscanf(f, "%63s %ld kB", key, &value) == 2) {
		if (strcmp(key, "MemTotal:") == 0)
			s->mem_total_kb = value;
		else if (strcmp(key, "MemAvailable:") == 0)
			s->mem_available_kb = value;
	}
	fclose(f);
	return s->mem_total_kb >= 0 && s->mem_available_kb >= 0 ? 0 : -1;
}

static int read_uptime(const char *root, struct sample *s)
{
	FILE *f = open_proc(root, "uptime");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%lf", &s->uptime_s);
	fclose(f);
	return n == 1 ? 0 : -1;
}

int collect(const char *proc_root, struct sample *s)
{
	memset(s, 0, sizeof *s);
	if (read_loadavg(proc_root, s) || read_meminfo(proc_root, s) || read_uptime(proc_root, s))
		return -1;
	return 0;
}

void write_prometheus(FILE *out, const struct sample *s)
{
	fprintf(out, "# TYPE node_load1 gauge\nnode_load1 %.2f\n", s->load1);
	fprintf(out, "# TYPE node_load5 gauge\nnode_load5 %.2f\n", s->load5);
	fprintf(out, "# TYPE node_load15 gauge\nnode_load15 %.2f\n", s->load15);
	fprintf(out, "# TYPE node_memory_total_bytes gauge\nnode_memory_total_bytes %ld\n",
		s->mem_total_kb * 1024);
	fprintf(out, "# TYPE node_memory_available_bytes gauge\nnode_memory_available_bytes %ld\n",
		s->mem_available_kb * 1024);
	fprintf(out, "# TYPE node_uptime_seconds counter\nnode_uptime_seconds %.0f\n", s->uptime_s);
	fflush(out);
}
