/* sort.h - a typed in-place sort, generated per element type.
 *
 * SORT_DEFINE(name, type, less) defines
 *     static void name(type *v, size_t n)
 * sorting v ascending by less(const type *, const type *): quicksort with
 * a median-of-three pivot down to runs of 16, then insertion sort. Not
 * stable: use it where elements that compare equal are equal in every
 * field (then any sort gives the same array, qsort()'s included). No
 * callback per comparison, so less() inlines. */
#ifndef L10N_SORT_H
#define L10N_SORT_H
#include <stddef.h>

#define SORT_DEFINE(name, type, less)                                                  \
	static void name(type *v, size_t n)                                                \
	{                                                                                  \
		while (n > 16) {                                                               \
			type *a = &v[0], *b = &v[n / 2], *c = &v[n - 1], *m;                       \
			if (less(a, b))                                                            \
				m = less(b, c) ? b : (less(a, c) ? c : a);                             \
			else                                                                       \
				m = less(a, c) ? a : (less(b, c) ? c : b);                             \
			type pivot = *m;                                                           \
			size_t i = 0, j = n - 1;                                                   \
			for (;;) {                                                                 \
				while (less(&v[i], &pivot))                                            \
					i++;                                                               \
				while (less(&pivot, &v[j]))                                            \
					j--;                                                               \
				if (i >= j)                                                            \
					break;                                                             \
				type t = v[i];                                                         \
				v[i] = v[j];                                                           \
				v[j] = t;                                                              \
				i++;                                                                   \
				j--;                                                                   \
			}                                                                          \
			/* [0, j] <= pivot <= [j + 1, n): recurse into the smaller part */         \
			size_t left = j + 1;                                                       \
			if (left < n - left) {                                                     \
				name(v, left);                                                         \
				v += left;                                                             \
				n -= left;                                                             \
			} else {                                                                   \
				name(v + left, n - left);                                              \
				n = left;                                                              \
			}                                                                          \
		}                                                                              \
		for (size_t i = 1; i < n; i++) {                                               \
			type t = v[i];                                                             \
			size_t j = i;                                                              \
			while (j > 0 && less(&t, &v[j - 1])) {                                     \
				v[j] = v[j - 1];                                                       \
				j--;                                                                   \
			}                                                                          \
			v[j] = t;                                                                  \
		}                                                                              \
	}

#endif
