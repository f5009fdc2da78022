/* lia-hq-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-hq-rate-limiter.h"

/* Buckets that have refilled completely are forgotten once there are this
 * many, so that a flood of addresses cannot grow the table for ever. */
#define MAX_BUCKETS 4096

typedef struct
{
  double tokens;
  gint64 updated_usec;
} Bucket;

struct _LiaHqRateLimiter
{
  GHashTable *buckets;      /* key → Bucket */
  double      capacity;     /* a full minute's worth may come at once */
  double      per_usec;     /* refill rate */
};

LiaHqRateLimiter *
lia_hq_rate_limiter_new (guint per_minute)
{
  LiaHqRateLimiter *self;

  g_return_val_if_fail (per_minute > 0, NULL);

  self = g_new0 (LiaHqRateLimiter, 1);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->capacity = per_minute;
  self->per_usec = per_minute / (60.0 * G_USEC_PER_SEC);

  return self;
}

void
lia_hq_rate_limiter_free (LiaHqRateLimiter *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
refill (LiaHqRateLimiter *self,
        Bucket           *bucket,
        gint64            now_usec)
{
  if (now_usec > bucket->updated_usec)
    {
      bucket->tokens = MIN (self->capacity,
                            bucket->tokens + (now_usec - bucket->updated_usec) * self->per_usec);
      bucket->updated_usec = now_usec;
    }
}

static void
forget_full_buckets (LiaHqRateLimiter *self,
                     gint64            now_usec)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&bucket))
    {
      refill (self, bucket, now_usec);
      if (bucket->tokens >= self->capacity)
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * lia_hq_rate_limiter_take:
 * @self: a #LiaHqRateLimiter
 * @key: whose bucket: a device id or an address
 * @now_usec: the monotonic time
 * @retry_after: (out): when refused, seconds until a request will pass
 *
 * Returns: %TRUE if the request may go ahead
 */
gboolean
lia_hq_rate_limiter_take (LiaHqRateLimiter *self,
                          const char       *key,
                          gint64            now_usec,
                          guint            *retry_after)
{
  Bucket *bucket;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!(bucket = g_hash_table_lookup (self->buckets, key)))
    {
      if (g_hash_table_size (self->buckets) >= MAX_BUCKETS)
        forget_full_buckets (self, now_usec);

      bucket = g_new (Bucket, 1);
      bucket->tokens = self->capacity;
      bucket->updated_usec = now_usec;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  refill (self, bucket, now_usec);

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }

  if (retry_after != NULL)
    *retry_after = (guint)((1.0 - bucket->tokens) / self->per_usec / G_USEC_PER_SEC) + 1;

  return FALSE;
}
