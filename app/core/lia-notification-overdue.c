/* lia-notification-overdue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-actor.h"
#include "lia-movement-notification.h"
#include "lia-notification-overdue.h"
#include "lia-operation-rules.h"
#include "lia-site-notification.h"
#include "lia-transmission.h"

G_DEFINE_ENUM_TYPE (LiaOverdueKind, lia_overdue_kind,
  G_DEFINE_ENUM_VALUE (LIA_OVERDUE_ACKNOWLEDGEMENT, "acknowledgement"),
  G_DEFINE_ENUM_VALUE (LIA_OVERDUE_MOVEMENT_UNACKNOWLEDGED, "movement-unacknowledged"),
  G_DEFINE_ENUM_VALUE (LIA_OVERDUE_RECONFIRMATION, "reconfirmation"))

void
lia_overdue_item_free (LiaOverdueItem *item)
{
  if (item == NULL)
    return;

  g_free (item->notification_uuid);
  g_free (item->record_type);
  g_free (item->title);
  g_free (item->party_uuid);
  g_clear_pointer (&item->due, g_date_time_unref);
  g_free (item->message);
  g_free (item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const LiaOverdueItem *first = *(LiaOverdueItem **) a;
  const LiaOverdueItem *second = *(LiaOverdueItem **) b;
  int order = g_date_time_compare (first->due, second->due);

  if (order == 0)
    order = (int) first->kind - (int) second->kind;
  if (order == 0)
    order = g_strcmp0 (first->notification_uuid, second->notification_uuid);
  if (order == 0)
    order = g_strcmp0 (first->party_uuid, second->party_uuid);

  return order;
}

typedef struct
{
  LiaStore          *store;
  LiaOperationRules *rules;
  GDateTime         *now;
  GPtrArray         *items;
} Scan;

static char *
party_name (Scan       *scan,
            const char *uuid)
{
  g_autoptr(LiaRecord) record = lia_store_load (scan->store, uuid, NULL);

  if (record == NULL || !LIA_IS_ACTOR (record))
    return g_strdup (uuid);

  return g_strdup (lia_actor_get_name (LIA_ACTOR (record)));
}

static LiaOverdueItem *
add_item (Scan           *scan,
          LiaOverdueKind  kind,
          LiaRecord      *notification,
          const char     *title,
          const char     *party_uuid,
          GDateTime      *due)
{
  LiaOverdueItem *item = g_new0 (LiaOverdueItem, 1);

  item->kind = kind;
  item->notification_uuid = g_strdup (lia_record_get_uuid (notification));
  item->record_type = g_strdup (lia_record_get_record_type (notification));
  item->title = g_strdup (title);
  item->party_uuid = g_strdup (party_uuid);
  item->due = g_date_time_ref (due);
  g_ptr_array_add (scan->items, item);

  return item;
}

/* Per party: a sending not answered within the deadline, and for a
 * movement about to leave, any sending not answered yet. */
static gboolean
scan_parties (Scan        *scan,
              LiaRecord   *notification,
              const char  *title,
              GDateTime   *departure,
              GDateTime  **last_sent,
              GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  int deadline = lia_operation_rules_get_ack_deadline_hours (scan->rules);
  int soon = lia_operation_rules_get_due_soon_hours (scan->rules);

  entries = lia_transmission_list_for (scan->store, lia_record_get_operation (notification),
                                       lia_record_get_uuid (notification), error);
  if (entries == NULL)
    return FALSE;

  statuses = lia_transmission_summarize (entries);
  for (guint i = 0; i < statuses->len; i++)
    {
      LiaPartyStatus *status = g_ptr_array_index (statuses, i);
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *party = NULL;
      g_autofree char *when = NULL;
      LiaOverdueItem *item;

      if (status->last_sent == NULL)
        continue;

      if (last_sent != NULL && (*last_sent == NULL || g_date_time_compare (status->last_sent, *last_sent) > 0))
        {
          g_clear_pointer (last_sent, g_date_time_unref);
          *last_sent = g_date_time_ref (status->last_sent);
        }

      if (status->acknowledged != NULL || status->no_acknowledgement != NULL)
        continue;

      party = party_name (scan, status->party_uuid);
      due = g_date_time_add_hours (status->last_sent, deadline);
      if (g_date_time_compare (scan->now, due) > 0)
        {
          when = lia_operation_rules_format_time (scan->rules, due);
          item = add_item (scan, LIA_OVERDUE_ACKNOWLEDGEMENT, notification, title, status->party_uuid, due);
          /* Translators: “4th Brigade has not acknowledged “Tessaly clinic”; the deadline was 2026-11-02 10:00 (UTC+03:00).” */
          item->message = g_strdup_printf (_("%s has not acknowledged “%s”; the deadline was %s."),
                                           party, title, when);
        }
      else if (departure != NULL && g_date_time_compare (scan->now, departure) < 0)
        {
          g_autoptr(GDateTime) horizon = g_date_time_add_hours (scan->now, soon);

          if (g_date_time_compare (departure, horizon) <= 0)
            {
              when = lia_operation_rules_format_time (scan->rules, departure);
              item = add_item (scan, LIA_OVERDUE_MOVEMENT_UNACKNOWLEDGED, notification, title,
                               status->party_uuid, departure);
              item->message = g_strdup_printf (_("The movement “%s” leaves at %s and %s has not acknowledged it yet."),
                                               title, when, party);
            }
        }
    }

  return TRUE;
}

GPtrArray *
lia_notification_overdue_compute (LiaStore    *store,
                                  const char  *operation,
                                  GError     **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  now = lia_clock_get_now (lia_store_get_clock (store));
  return lia_notification_overdue_compute_at (store, operation, now, error);
}

/**
 * lia_notification_overdue_compute_at:
 *
 * Returns: (transfer full) (element-type LiaOverdueItem): what is overdue
 *   at @now, or NULL on a database error
 */
GPtrArray *
lia_notification_overdue_compute_at (LiaStore    *store,
                                     const char  *operation,
                                     GDateTime   *now,
                                     GError     **error)
{
  g_autoptr(LiaOperationRules) rules = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) movements = NULL;
  g_autoptr(GPtrArray) items = NULL;
  Scan scan;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (operation != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!(rules = lia_operation_rules_load (store, operation, error)) ||
      !(sites = lia_store_list (store, "site-notification", operation, error)) ||
      !(movements = lia_store_list (store, "movement-notification", operation, error)))
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_overdue_item_free);
  scan = (Scan) { store, rules, now, items };

  for (guint i = 0; i < sites->len; i++)
    {
      LiaSiteNotification *site = g_ptr_array_index (sites, i);
      const char *name = lia_site_notification_get_name (site);
      g_autoptr(GDateTime) last_sent = NULL;

      if (lia_site_notification_get_status (site) != LIA_SITE_STATUS_ACTIVE)
        continue;

      if (!scan_parties (&scan, LIA_RECORD (site), name != NULL ? name : "", NULL, &last_sent, error))
        return NULL;

      if (last_sent != NULL)
        {
          g_autoptr(GDateTime) due = g_date_time_add_days (last_sent, lia_operation_rules_get_reconfirm_days (rules));

          if (g_date_time_compare (now, due) >= 0)
            {
              g_autofree char *when = lia_operation_rules_format_time (rules, last_sent);
              LiaOverdueItem *item = add_item (&scan, LIA_OVERDUE_RECONFIRMATION, LIA_RECORD (site),
                                               name != NULL ? name : "", NULL, due);

              item->message = g_strdup_printf (_("The site “%s” was last notified on %s: notify the parties again to reconfirm it."),
                                               name != NULL ? name : "", when);
            }
        }
    }

  for (guint i = 0; i < movements->len; i++)
    {
      LiaMovementNotification *movement = g_ptr_array_index (movements, i);
      LiaMovementStatus status = lia_movement_notification_get_status (movement);
      g_autofree char *title = lia_notification_dup_title (LIA_RECORD (movement));

      /* Once under way, completed or cancelled, chasing is moot. */
      if (status != LIA_MOVEMENT_STATUS_NOTIFIED && status != LIA_MOVEMENT_STATUS_DRAFT)
        continue;

      if (!scan_parties (&scan, LIA_RECORD (movement), title,
                         lia_movement_notification_get_departure_start (movement), NULL, error))
        return NULL;
    }

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}
