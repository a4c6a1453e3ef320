/* frontmatter.h - YAML front matter as an ordered tree (libyaml).
 *
 * Aliases are never expanded recursively: an alias node refers to its
 * anchor's node, and the expansion size is bounded (alias bombs are
 * rejected). Positions are 1-based lines and code-point columns in the
 * whole file (the front matter starts at line 2 after the opening ---). */
#ifndef L10N_FRONTMATTER_H
#define L10N_FRONTMATTER_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum fm_kind { FM_SCALAR, FM_MAP, FM_SEQ };

struct fm_node {
	enum fm_kind kind;
	const char *key;      /* key in the parent map, NULL otherwise */
	unsigned key_line, key_col;
	const char *value;    /* FM_SCALAR: the value; "" for null/empty */
	bool quoted;          /* scalar was single/double quoted or block */
	unsigned line, col;   /* where the value starts */
	struct fm_node *children; /* FM_MAP / FM_SEQ: array */
	size_t nchildren;
};

struct fm_error {
	unsigned line, col;
	char message[256];
};

/* Parse YAML text (the lines between the --- markers). first_line is the
 * line number of the first byte of `yaml` in the file. The root must be a
 * mapping (an empty document gives an empty map). Returns the root, or
 * NULL with *err filled. All memory in `arena`. */
struct fm_node *fm_parse(struct arena *arena, const char *yaml, size_t len,
                         unsigned first_line, struct fm_error *err);

/* Look up a dotted path: "title", "card.title", "card.anchors" (a map key
 * containing a dot cannot be addressed). NULL when absent. */
const struct fm_node *fm_get(const struct fm_node *root, const char *path);

#endif
