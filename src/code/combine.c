/*
 * combine.c -- verb combinations: "pledged to help" is CAMEO 033 (intend
 * to provide aid), "refused to meet" 125, "urged them to negotiate" 026.
 *
 * The CAMEO families that take an embedded action share one layout of
 * subcodes by the kind of action (CAMEO manual, codes 02, 03, 10, 12):
 *
 *   slot  action                    appeal  intend  demand  reject
 *    1    material cooperation (06)  021     031     101     121
 *    2    diplomatic cooperation(05) 022     032     102     120
 *    3    aid (07)                   023     033     103     122
 *    4    political reform (083)     024     034     104     123
 *    5    yield (08)                 025     035     105     124
 *    6    meet, negotiate (04)       026     036     106     125
 *    7    settle a dispute (057)     027     037     107     127
 *    8    mediation (045)            028     039     108     126
 *
 * and the four-digit subcodes of slots 1, 3 and 5 follow the action's own
 * third digit (061 economic -> 0311, 073 humanitarian -> 0333, 084 release
 * -> 0353).  Threats (13) combine with conflict: force (18, 19, 20) -> 138,
 * repression (17) -> 137, reducing relations (16) -> 131 and its subcodes.
 * PETRARCH-2 does the same with its hexadecimal code algebra (Petrarch2.tex,
 * "Combinations"); this table is dyad's reading of the CAMEO manual.
 */
#include <stdio.h>
#include <string.h>

#include "code/combine.h"

static int root_of(const char *c) {
  if (!c || c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9') return -1;
  return (c[0] - '0') * 10 + (c[1] - '0');
}

/* The action slot of a code, and the subcode digit it carries ('\0' if
 * none). */
static int action_slot(const char *low, char *sub) {
  *sub = '\0';
  int r = root_of(low);
  char d3 = low[2];
  switch (r) {
    case 4:
      if (!strncmp(low, "045", 3)) return 8;
      return 6;
    case 5:
      if (!strncmp(low, "057", 3)) return 7;
      return 2;
    case 6:
      if (d3 >= '1' && d3 <= '4') *sub = d3;
      return 1;
    case 7:
      if (d3 >= '1' && d3 <= '4') *sub = d3;
      return 3;
    case 8:
      switch (d3) {
        case '1': *sub = '1'; return 5;
        case '2': *sub = '2'; return 5;
        case '3': return 4;
        case '4': *sub = '3'; return 5;
        case '5': *sub = '4'; return 5;
        case '6': *sub = '5'; return 5;
        case '7': *sub = '6'; return 5;
        default: return 5;
      }
    default:
      return 0;
  }
}

int dyad__combine_family(const char *up) {
  int r = root_of(up);
  return r == 2 || r == 3 || r == 10 || r == 12 || r == 13;
}

const char *dyad__combine(const char *up, const char *low, char out[8],
                          int (*exists)(const char *code, void *user), void *user) {
  int ur = root_of(up), lr = root_of(low);
  if (ur < 0 || lr < 0) return NULL;
  char sub;
  int slot = action_slot(low, &sub);
  char buf[8] = "";
  if (ur == 13) {
    if (lr >= 18) snprintf(buf, sizeof buf, "138");
    else if (lr == 17) snprintf(buf, sizeof buf, "137");
    else if (lr == 16) {
      if (!strncmp(low, "163", 3)) snprintf(buf, sizeof buf, "1312");
      else if (!strncmp(low, "164", 3)) snprintf(buf, sizeof buf, "134");
      else if (!strncmp(low, "166", 3)) snprintf(buf, sizeof buf, "136");
      else snprintf(buf, sizeof buf, "1313");
    } else {
      return NULL;
    }
  } else if (ur == 12) {
    static const char *const rej[9] = {NULL, "121", "120", "122", "123", "124", "125", "127", "126"};
    if (!slot) return NULL;
    snprintf(buf, sizeof buf, "%s", rej[slot]);
    if (sub && (slot == 1 || slot == 3 || slot == 5)) {
      size_t n = strlen(buf);
      buf[n] = sub;
      buf[n + 1] = '\0';
    }
  } else if (ur == 2 || ur == 3 || ur == 10) {
    if (!slot) return NULL;
    int last = slot;
    if (ur == 3 && slot == 8) last = 9; /* 039 intend to mediate */
    snprintf(buf, sizeof buf, "%02d%d", ur, last);
    if (sub && (slot == 1 || slot == 3 || slot == 5)) {
      size_t n = strlen(buf);
      buf[n] = sub;
      buf[n + 1] = '\0';
    }
  } else {
    return NULL;
  }
  /* A four-digit code the table lacks falls back to its three digits. */
  if (exists && strlen(buf) == 4 && !exists(buf, user)) buf[3] = '\0';
  if (exists && !exists(buf, user)) return NULL;
  memcpy(out, buf, strlen(buf) + 1);
  return out;
}
