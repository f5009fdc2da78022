/* lia-sync-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-sync-scheduler.h"

/* Times come from the LiaClock, so tests move “now” instead of sleeping;
 * the GLib timer only wakes the scheduler up to look at the clock. */
struct _LiaSyncScheduler
{
  GObject          parent_instance;

  LiaSyncEngine   *engine;
  LiaClock        *clock;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  GRand           *rand;

  gint64           next_attempt;   /* µs on the clock; 0: none planned */
  guint            failures;       /* in a row */
  guint            timeout_id;
  gulong           network_handler;
  gulong           enrolled_handler;
  gboolean         running;
  gboolean         in_flight;
  gboolean         network_available;
};

G_DEFINE_FINAL_TYPE (LiaSyncScheduler, lia_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NEXT_ATTEMPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lia_sync_scheduler_dispose (GObject *object)
{
  LiaSyncScheduler *self = (LiaSyncScheduler *)object;

  lia_sync_scheduler_stop (self);
  g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_signal_handler (&self->enrolled_handler, self->engine);

  G_OBJECT_CLASS (lia_sync_scheduler_parent_class)->dispose (object);
}

static void
lia_sync_scheduler_finalize (GObject *object)
{
  LiaSyncScheduler *self = (LiaSyncScheduler *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->clock);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (lia_sync_scheduler_parent_class)->finalize (object);
}

static void
lia_sync_scheduler_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaSyncScheduler *self = LIA_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_NEXT_ATTEMPT:
      g_value_set_int64 (value, self->next_attempt);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sync_scheduler_class_init (LiaSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lia_sync_scheduler_dispose;
  object_class->finalize = lia_sync_scheduler_finalize;
  object_class->get_property = lia_sync_scheduler_get_property;

  /* For “next try at 10:42” on the Sync page. */
  properties[PROP_NEXT_ATTEMPT] =
    g_param_spec_int64 ("next-attempt", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_sync_scheduler_init (LiaSyncScheduler *self)
{
  self->rand = g_rand_new ();
  self->network_available = TRUE;
}

static gboolean on_timeout (gpointer user_data);

/* Wakes up when the next attempt is due on the clock. */
static void
arm_timer (LiaSyncScheduler *self)
{
  gint64 wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (!self->running || self->in_flight || self->next_attempt == 0)
    return;

  wait = MAX (0, self->next_attempt - lia_clock_get_now_usec (self->clock));
  self->timeout_id = g_timeout_add_seconds ((guint) MIN ((wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC,
                                                         LIA_SYNC_SCHEDULER_RETRY_MAX / G_USEC_PER_SEC),
                                            on_timeout, self);
}

static void
plan (LiaSyncScheduler *self,
      gint64            next_attempt)
{
  if (self->next_attempt != next_attempt)
    {
      self->next_attempt = next_attempt;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT]);
    }

  arm_timer (self);
}

/* Between half and all of @span from now. */
static void
plan_in (LiaSyncScheduler *self,
         GTimeSpan         span)
{
  gint64 now = lia_clock_get_now_usec (self->clock);

  plan (self, now + span / 2 + g_rand_int_range (self->rand, 0, span / 2 / G_USEC_PER_SEC + 1) * G_USEC_PER_SEC);
}

static GTimeSpan
backoff (guint failures)
{
  GTimeSpan span = LIA_SYNC_SCHEDULER_RETRY_BASE;

  for (guint i = 1; i < failures && span < LIA_SYNC_SCHEDULER_RETRY_MAX; i++)
    span *= 2;

  return MIN (span, LIA_SYNC_SCHEDULER_RETRY_MAX);
}

/* Retrying cannot mend these: a person must act (enrol again, check HQ). */
static gboolean
needs_a_person (const GError *error)
{
  return g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN) ||
         g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SECURITY) ||
         g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_ENROLLED);
}

static void
on_sync_done (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaSyncScheduler) self = user_data;
  g_autoptr(GError) error = NULL;

  self->in_flight = FALSE;

  if (lia_sync_engine_sync_finish (LIA_SYNC_ENGINE (source_object), result, NULL, &error) &&
      !self->running)
    {
      /* Stopped while the sync ended well: nothing more to plan. */
    }
  else if (error == NULL)
    {
      self->failures = 0;
      plan_in (self, LIA_SYNC_SCHEDULER_PERIOD);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped: nothing more to plan. */
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      /* Someone pressed “Sync now” first: not a failure of the link. */
      plan_in (self, LIA_SYNC_SCHEDULER_RETRY_BASE);
    }
  else if (needs_a_person (error))
    {
      plan (self, 0);
    }
  else
    {
      self->failures++;
      plan_in (self, backoff (self->failures));
    }
}

/**
 * lia_sync_scheduler_tick:
 *
 * Starts the planned sync if it is due on the clock.  The scheduler's timer
 * calls it; tests call it after moving the clock.
 *
 * Returns: whether a sync started
 */
gboolean
lia_sync_scheduler_tick (LiaSyncScheduler *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_SCHEDULER (self), FALSE);

  if (!self->running || self->in_flight || self->next_attempt == 0)
    return FALSE;

  if (lia_clock_get_now_usec (self->clock) < self->next_attempt)
    {
      arm_timer (self);
      return FALSE;
    }

  /* The monitor can be wrong (a captive portal, a VPN): without a network
   * we still probe, but only as often as after many failures. */
  if (!self->network_available)
    {
      plan_in (self, LIA_SYNC_SCHEDULER_RETRY_MAX);
      return FALSE;
    }

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->in_flight = TRUE;
  lia_sync_engine_sync_async (self->engine, NULL, self->cancellable, on_sync_done, g_object_ref (self));

  return TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  LiaSyncScheduler *self = user_data;

  self->timeout_id = 0;
  if (!lia_sync_scheduler_tick (self))
    arm_timer (self);

  return G_SOURCE_REMOVE;
}

static void
on_network_changed (GNetworkMonitor  *monitor,
                    gboolean          available,
                    LiaSyncScheduler *self)
{
  gboolean was_available = self->network_available;

  self->network_available = available;

  /* Routes change all the time; only a link coming back, or one that
   * failed us last time, is worth an attempt at once. */
  if (available && self->next_attempt != 0 &&
      (!was_available || lia_sync_engine_get_state (self->engine) == LIA_SYNC_STATE_OFFLINE))
    lia_sync_scheduler_sync_now (self);
}

static void
on_enrolled_changed (LiaSyncEngine    *engine,
                     GParamSpec       *pspec,
                     LiaSyncScheduler *self)
{
  if (lia_sync_engine_get_enrolled (engine))
    lia_sync_scheduler_sync_now (self);
}

/**
 * lia_sync_scheduler_new:
 * @clock: the time source for planning attempts
 * @monitor: (nullable): where to learn of connectivity; none if %NULL
 */
LiaSyncScheduler *
lia_sync_scheduler_new (LiaSyncEngine   *engine,
                        LiaClock        *clock,
                        GNetworkMonitor *monitor)
{
  LiaSyncScheduler *self;

  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (LIA_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (LIA_TYPE_SYNC_SCHEDULER, NULL);
  self->engine = g_object_ref (engine);
  self->clock = g_object_ref (clock);
  self->enrolled_handler = g_signal_connect (engine, "notify::enrolled",
                                             G_CALLBACK (on_enrolled_changed), self);

  if (monitor != NULL)
    {
      self->monitor = g_object_ref (monitor);
      self->network_available = g_network_monitor_get_network_available (monitor);
      self->network_handler = g_signal_connect (monitor, "network-changed",
                                                G_CALLBACK (on_network_changed), self);
    }

  return self;
}

/* Starts planning syncs, the first one at once. */
void
lia_sync_scheduler_start (LiaSyncScheduler *self)
{
  g_return_if_fail (LIA_IS_SYNC_SCHEDULER (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  lia_sync_scheduler_sync_now (self);
}

/* Stops planning, and stops a sync under way. */
void
lia_sync_scheduler_stop (LiaSyncScheduler *self)
{
  g_return_if_fail (LIA_IS_SYNC_SCHEDULER (self));

  self->running = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  plan (self, 0);
}

/* “Sync now”: forgets the backoff and syncs at once. */
void
lia_sync_scheduler_sync_now (LiaSyncScheduler *self)
{
  g_return_if_fail (LIA_IS_SYNC_SCHEDULER (self));

  if (!self->running)
    return;

  self->failures = 0;
  plan (self, lia_clock_get_now_usec (self->clock));
  lia_sync_scheduler_tick (self);
}

/* Returns: when the next sync is planned, in µs on the clock; 0 if none is */
gint64
lia_sync_scheduler_get_next_attempt (LiaSyncScheduler *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_SCHEDULER (self), 0);

  return self->next_attempt;
}

/* Returns: how many syncs in a row failed for want of a link or of HQ */
guint
lia_sync_scheduler_get_failures (LiaSyncScheduler *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_SCHEDULER (self), 0);

  return self->failures;
}
