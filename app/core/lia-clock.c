/* lia-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-clock.h"

/* Everything that stamps a time asks the clock, so tests can fix "now" and
 * move it forward (deadlines, lead times, backoff) without sleeping. */
struct _LiaClock
{
  GObject    parent_instance;
  GDateTime *fixed;
};

G_DEFINE_FINAL_TYPE (LiaClock, lia_clock, G_TYPE_OBJECT)

static void
lia_clock_finalize (GObject *object)
{
  LiaClock *self = (LiaClock *)object;

  g_clear_pointer (&self->fixed, g_date_time_unref);

  G_OBJECT_CLASS (lia_clock_parent_class)->finalize (object);
}

static void
lia_clock_class_init (LiaClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_clock_finalize;
}

static void
lia_clock_init (LiaClock *self)
{
}

LiaClock *
lia_clock_new_system (void)
{
  return g_object_new (LIA_TYPE_CLOCK, NULL);
}

LiaClock *
lia_clock_new_fixed (GDateTime *now)
{
  LiaClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (LIA_TYPE_CLOCK, NULL);
  self->fixed = g_date_time_to_utc (now);

  return self;
}

gboolean
lia_clock_is_fixed (LiaClock *self)
{
  g_return_val_if_fail (LIA_IS_CLOCK (self), FALSE);

  return self->fixed != NULL;
}

/* Returns: (transfer full): the current time in UTC */
GDateTime *
lia_clock_get_now (LiaClock *self)
{
  g_return_val_if_fail (LIA_IS_CLOCK (self), NULL);

  if (self->fixed != NULL)
    return g_date_time_ref (self->fixed);

  return g_date_time_new_now_utc ();
}

gint64
lia_clock_get_now_usec (LiaClock *self)
{
  g_autoptr(GDateTime) now = lia_clock_get_now (self);

  return g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
}

void
lia_clock_set_now (LiaClock  *self,
                   GDateTime *now)
{
  g_return_if_fail (LIA_IS_CLOCK (self));
  g_return_if_fail (now != NULL);

  g_clear_pointer (&self->fixed, g_date_time_unref);
  self->fixed = g_date_time_to_utc (now);
}

void
lia_clock_advance (LiaClock  *self,
                   GTimeSpan  span)
{
  GDateTime *later;

  g_return_if_fail (LIA_IS_CLOCK (self));
  g_return_if_fail (self->fixed != NULL);

  later = g_date_time_add (self->fixed, span);
  g_date_time_unref (self->fixed);
  self->fixed = later;
}

/* Stored times are UTC with microseconds and a Z, so they sort as text. */
char *
lia_clock_format_iso8601 (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}
