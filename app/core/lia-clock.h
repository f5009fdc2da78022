/* lia-clock.h — the time source of Liaison, settable in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIA_TYPE_CLOCK (lia_clock_get_type ())

G_DECLARE_FINAL_TYPE (LiaClock, lia_clock, LIA, CLOCK, GObject)

LiaClock  *lia_clock_new_system   (void);
LiaClock  *lia_clock_new_fixed    (GDateTime *now);
gboolean   lia_clock_is_fixed     (LiaClock  *self);
GDateTime *lia_clock_get_now      (LiaClock  *self);
gint64     lia_clock_get_now_usec (LiaClock  *self);
void       lia_clock_set_now      (LiaClock  *self,
                                   GDateTime *now);
void       lia_clock_advance      (LiaClock  *self,
                                   GTimeSpan  span);
char      *lia_clock_format_iso8601 (GDateTime *time);

G_END_DECLS
