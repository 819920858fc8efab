/* datapath.h -- finding installed files (see datapath.c). */
#ifndef DYAD_UTIL_DATAPATH_H
#define DYAD_UTIL_DATAPATH_H

#include <stddef.h>

/* Looks for <exe dir>/../<subdir>/<relative>, then the source tree's
 * <subdir>/<relative>; writes the first existing file's path into out.
 * Returns 1 if found, 0 if not. */
int dyad__install_path(const char *subdir, const char *relative, char *out, size_t size);

#endif
