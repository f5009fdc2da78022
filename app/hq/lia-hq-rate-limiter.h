/* lia-hq-rate-limiter.h — token buckets, one per device or address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LiaHqRateLimiter LiaHqRateLimiter;

LiaHqRateLimiter *lia_hq_rate_limiter_new   (guint             per_minute);
void              lia_hq_rate_limiter_free  (LiaHqRateLimiter *self);
gboolean          lia_hq_rate_limiter_take  (LiaHqRateLimiter *self,
                                             const char       *key,
                                             gint64            now_usec,
                                             guint            *retry_after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqRateLimiter, lia_hq_rate_limiter_free)

G_END_DECLS
