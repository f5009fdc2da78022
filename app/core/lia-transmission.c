/* lia-transmission.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-actor.h"
#include "lia-error.h"
#include "lia-movement-notification.h"
#include "lia-record-fields-private.h"
#include "lia-site-notification.h"
#include "lia-transmission.h"

struct _LiaTransmission
{
  LiaRecord   parent_instance;

  char       *notification_uuid;
  char       *party_uuid;
  int         kind;
  GDateTime  *at;
  int         channel;
  char       *reference;
  char       *recorded_by;
};

G_DEFINE_FINAL_TYPE (LiaTransmission, lia_transmission, LIA_TYPE_RECORD)

#define FIELD(path, kind, member, required, min, max, type) \
  { path, kind, G_STRUCT_OFFSET (LiaTransmission, member), required, min, max, type }

static const LiaFieldSpec fields[] = {
  FIELD ("notification", LIA_FIELD_STRING, notification_uuid, TRUE, 0, 100, NULL),
  FIELD ("party", LIA_FIELD_STRING, party_uuid, TRUE, 0, 100, NULL),
  FIELD ("kind", LIA_FIELD_ENUM, kind, TRUE, 0, 0, lia_transmission_kind_get_type),
  FIELD ("at", LIA_FIELD_TIME, at, TRUE, 0, 0, NULL),
  FIELD ("channel", LIA_FIELD_ENUM, channel, FALSE, 0, 0, lia_channel_get_type),
  FIELD ("reference", LIA_FIELD_STRING, reference, FALSE, 0, 100, NULL),
  FIELD ("recorded_by", LIA_FIELD_STRING, recorded_by, FALSE, 0, LIA_FIELD_SHORT_TEXT, NULL),
};

static void
lia_transmission_serialize (LiaRecord   *record,
                            JsonBuilder *builder)
{
  lia_fields_serialize (record, fields, G_N_ELEMENTS (fields), builder);
}

static gboolean
lia_transmission_deserialize (LiaRecord   *record,
                              JsonObject  *body,
                              GError     **error)
{
  lia_fields_read (record, fields, G_N_ELEMENTS (fields), body, FALSE, NULL);

  return TRUE;
}

static void
lia_transmission_finalize (GObject *object)
{
  lia_fields_clear (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (lia_transmission_parent_class)->finalize (object);
}

static void
lia_transmission_class_init (LiaTransmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_transmission_finalize;

  record_class->record_type = "transmission";
  record_class->append_only = TRUE;
  record_class->serialize = lia_transmission_serialize;
  record_class->deserialize = lia_transmission_deserialize;
}

static void
lia_transmission_init (LiaTransmission *self)
{
  lia_fields_init (self, fields, G_N_ELEMENTS (fields));
  self->kind = LIA_TRANSMISSION_SENT;
  self->channel = LIA_CHANNEL_EMAIL;
}

LiaTransmission *
lia_transmission_new (const char          *operation,
                      const char          *notification_uuid,
                      const char          *party_uuid,
                      LiaTransmissionKind  kind,
                      GDateTime           *at)
{
  LiaTransmission *self = g_object_new (LIA_TYPE_TRANSMISSION,
                                        "operation", operation,
                                        "sensitivity", LIA_SENSITIVITY_RESTRICTED,
                                        NULL);

  lia_field_set_string (&self->notification_uuid, notification_uuid);
  lia_field_set_string (&self->party_uuid, party_uuid);
  self->kind = kind;
  lia_field_set_time (&self->at, at);

  return self;
}

const char *
lia_transmission_get_notification_uuid (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), NULL);

  return self->notification_uuid;
}

const char *
lia_transmission_get_party_uuid (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), NULL);

  return self->party_uuid;
}

LiaTransmissionKind
lia_transmission_get_kind (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), LIA_TRANSMISSION_SENT);

  return self->kind;
}

GDateTime *
lia_transmission_get_at (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), NULL);

  return self->at;
}

LiaChannel
lia_transmission_get_channel (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), LIA_CHANNEL_EMAIL);

  return self->channel;
}

void
lia_transmission_set_channel (LiaTransmission *self,
                              LiaChannel       channel)
{
  g_return_if_fail (LIA_IS_TRANSMISSION (self));
  g_return_if_fail (channel <= LIA_CHANNEL_HAND_DELIVERY);

  self->channel = channel;
}

const char *
lia_transmission_get_reference (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), NULL);

  return self->reference;
}

void
lia_transmission_set_reference (LiaTransmission *self,
                                const char      *reference)
{
  g_return_if_fail (LIA_IS_TRANSMISSION (self));

  lia_field_set_string (&self->reference, reference);
}

const char *
lia_transmission_get_recorded_by (LiaTransmission *self)
{
  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), NULL);

  return self->recorded_by;
}

void
lia_transmission_set_recorded_by (LiaTransmission *self,
                                  const char      *recorded_by)
{
  g_return_if_fail (LIA_IS_TRANSMISSION (self));

  lia_field_set_string (&self->recorded_by, recorded_by);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  LiaTransmission *first = *(LiaTransmission **) a;
  LiaTransmission *second = *(LiaTransmission **) b;
  int order = 0;

  if (first->at != NULL && second->at != NULL)
    order = g_date_time_compare (first->at, second->at);
  if (order == 0)
    order = g_strcmp0 (lia_record_get_uuid (LIA_RECORD (first)), lia_record_get_uuid (LIA_RECORD (second)));

  return order;
}

/**
 * lia_transmission_list_for:
 *
 * Returns: (transfer full) (element-type LiaTransmission): the entries,
 *   oldest first
 */
GPtrArray *
lia_transmission_list_for (LiaStore    *store,
                           const char  *operation,
                           const char  *notification_uuid,
                           GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  records = lia_store_list (store, "transmission", operation, error);
  if (records == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      LiaTransmission *entry = g_ptr_array_index (records, i);

      if (notification_uuid == NULL || g_strcmp0 (entry->notification_uuid, notification_uuid) == 0)
        g_ptr_array_add (entries, g_object_ref (entry));
    }

  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

void
lia_party_status_free (LiaPartyStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->party_uuid);
  g_clear_pointer (&status->last_sent, g_date_time_unref);
  g_clear_pointer (&status->acknowledged, g_date_time_unref);
  g_clear_pointer (&status->no_acknowledgement, g_date_time_unref);
  g_free (status->reference);
  g_free (status);
}

static int
compare_status (gconstpointer a,
                gconstpointer b)
{
  const LiaPartyStatus *first = *(LiaPartyStatus **) a;
  const LiaPartyStatus *second = *(LiaPartyStatus **) b;

  return g_strcmp0 (first->party_uuid, second->party_uuid);
}

static void
replace_time (GDateTime **slot,
              GDateTime  *time)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = time != NULL ? g_date_time_ref (time) : NULL;
}

/**
 * lia_transmission_summarize:
 *
 * A sent or correction entry starts a new wait and forgets the answers to
 * earlier ones; an acknowledgement or a recorded silence answers it.
 *
 * Returns: (transfer full) (element-type LiaPartyStatus)
 */
GPtrArray *
lia_transmission_summarize (GPtrArray *entries)
{
  g_autoptr(GHashTable) by_party = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_party_status_free);

  g_return_val_if_fail (entries != NULL, statuses);

  for (guint i = 0; i < entries->len; i++)
    {
      LiaTransmission *entry = g_ptr_array_index (entries, i);
      LiaPartyStatus *status;

      if (entry->party_uuid == NULL)
        continue;

      status = g_hash_table_lookup (by_party, entry->party_uuid);
      if (status == NULL)
        {
          status = g_new0 (LiaPartyStatus, 1);
          status->party_uuid = g_strdup (entry->party_uuid);
          g_hash_table_insert (by_party, status->party_uuid, status);
          g_ptr_array_add (statuses, status);
        }

      switch (entry->kind)
        {
        case LIA_TRANSMISSION_SENT:
        case LIA_TRANSMISSION_CORRECTION:
          replace_time (&status->last_sent, entry->at);
          replace_time (&status->acknowledged, NULL);
          replace_time (&status->no_acknowledgement, NULL);
          break;
        case LIA_TRANSMISSION_ACKNOWLEDGED:
          replace_time (&status->acknowledged, entry->at);
          break;
        case LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT:
          replace_time (&status->no_acknowledgement, entry->at);
          break;
        default:
          break;
        }

      if (entry->reference != NULL)
        lia_field_set_string (&status->reference, entry->reference);
    }

  g_ptr_array_sort (statuses, compare_status);
  return statuses;
}

/* Returns: (transfer full) (element-type LiaValidationIssue) */
GPtrArray *
lia_transmission_validate (LiaTransmission *self,
                           LiaStore        *store)
{
  GPtrArray *issues = lia_validation_issues_new ();

  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), issues);

  lia_fields_check (self, fields, G_N_ELEMENTS (fields), NULL, issues);

  if (store != NULL && self->notification_uuid != NULL)
    {
      g_autoptr(LiaRecord) notification = lia_store_load (store, self->notification_uuid, NULL);
      const char *type = notification != NULL ? lia_record_get_record_type (notification) : NULL;

      if (g_strcmp0 (type, "site-notification") != 0 && g_strcmp0 (type, "movement-notification") != 0)
        lia_validation_add (issues, LIA_VALIDATION_ERROR, "notification", NULL,
                            _("“%s” is not a site or movement notification"), self->notification_uuid);
    }

  if (store != NULL && self->party_uuid != NULL)
    {
      g_autoptr(LiaRecord) party = lia_store_load (store, self->party_uuid, NULL);

      if (party == NULL || !LIA_IS_ACTOR (party) || lia_record_get_tombstone (party))
        lia_validation_add (issues, LIA_VALIDATION_ERROR, "party", NULL,
                            _("“%s” is not an actor of the stakeholder map; add the party there first"),
                            self->party_uuid);
    }

  return issues;
}

gboolean
lia_transmission_record (LiaTransmission  *self,
                         LiaStore         *store,
                         GError          **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(LiaRecord) notification = NULL;
  gboolean moved = FALSE;

  g_return_val_if_fail (LIA_IS_TRANSMISSION (self), FALSE);
  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);

  issues = lia_transmission_validate (self, store);
  if (lia_validation_has_errors (issues))
    {
      for (guint i = 0; i < issues->len; i++)
        {
          const LiaValidationIssue *issue = g_ptr_array_index (issues, i);

          if (issue->severity == LIA_VALIDATION_ERROR)
            {
              g_autofree char *text = lia_validation_issue_to_string (issue);

              g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, text);
              return FALSE;
            }
        }
    }

  notification = lia_store_load (store, self->notification_uuid, error);
  if (notification == NULL)
    return FALSE;

  if (self->kind == LIA_TRANSMISSION_SENT || self->kind == LIA_TRANSMISSION_CORRECTION)
    {
      if (LIA_IS_SITE_NOTIFICATION (notification) &&
          lia_site_notification_get_status (LIA_SITE_NOTIFICATION (notification)) == LIA_SITE_STATUS_DRAFT)
        moved = lia_site_notification_transition (LIA_SITE_NOTIFICATION (notification), LIA_SITE_STATUS_ACTIVE, error);
      else if (LIA_IS_MOVEMENT_NOTIFICATION (notification) &&
               lia_movement_notification_get_status (LIA_MOVEMENT_NOTIFICATION (notification)) == LIA_MOVEMENT_STATUS_DRAFT)
        moved = lia_movement_notification_transition (LIA_MOVEMENT_NOTIFICATION (notification), LIA_MOVEMENT_STATUS_NOTIFIED, error);
    }

  if (!lia_store_begin (store, error))
    return FALSE;

  if ((moved && !lia_store_save (store, notification, error)) ||
      !lia_store_save (store, LIA_RECORD (self), error))
    {
      lia_store_rollback (store);
      return FALSE;
    }

  return lia_store_commit (store, error);
}
