/* lia-record-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-record-history.h"
#include "lia-record-private.h"

/* Each step remembers the stored state of every record it wrote, as it
 * was before.  Undoing writes those states back as new revisions through
 * the store, so that an undo syncs like any other change, and remembers
 * what it replaced for redo.  A record that did not exist, or was deleted,
 * is remembered as a deletion. */

#define MAX_STEPS 100

typedef struct
{
  char           *uuid;
  GType           type;
  char           *operation;
  LiaSensitivity  sensitivity;
  char           *body;       /* NULL: absent or deleted */
} Snapshot;

struct _LiaRecordHistory
{
  GObject    parent_instance;

  LiaStore  *store;
  GPtrArray *undo_steps;      /* GPtrArray of Snapshot, newest last */
  GPtrArray *redo_steps;
};

G_DEFINE_FINAL_TYPE (LiaRecordHistory, lia_record_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_free (snapshot->uuid);
  g_free (snapshot->operation);
  g_free (snapshot->body);
  g_free (snapshot);
}

/* The stored state of @uuid, whose type is @type if it was never saved */
static Snapshot *
take_snapshot (LiaStore    *store,
               const char  *uuid,
               GType        type,
               GError     **error)
{
  g_autoptr(LiaRecord) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  Snapshot *snapshot;

  stored = lia_store_load (store, uuid, &local_error);
  if (stored == NULL && !g_error_matches (local_error, LIA_ERROR, LIA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  snapshot = g_new0 (Snapshot, 1);
  snapshot->uuid = g_strdup (uuid);
  snapshot->type = type;

  if (stored != NULL)
    {
      snapshot->type = G_OBJECT_TYPE (stored);
      snapshot->operation = g_strdup (lia_record_get_operation (stored));
      snapshot->sensitivity = lia_record_get_sensitivity (stored);
      if (!lia_record_get_tombstone (stored))
        snapshot->body = lia_record_serialize_body (stored);
    }

  return snapshot;
}

static GPtrArray *
take_snapshots (LiaStore          *store,
                LiaRecord * const *records,
                guint              n_records,
                GError           **error)
{
  g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func (snapshot_free);

  for (guint i = 0; i < n_records; i++)
    {
      Snapshot *snapshot = take_snapshot (store, lia_record_get_uuid (records[i]),
                                          G_OBJECT_TYPE (records[i]), error);

      if (snapshot == NULL)
        return NULL;
      g_ptr_array_add (step, snapshot);
    }

  return g_steal_pointer (&step);
}

/* Writes @snapshot's state as the newest revision of its record */
static gboolean
restore_snapshot (LiaStore        *store,
                  const Snapshot  *snapshot,
                  GError         **error)
{
  g_autoptr(LiaRecord) stored = NULL;
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;

  stored = lia_store_load (store, snapshot->uuid, &local_error);
  if (stored == NULL && !g_error_matches (local_error, LIA_ERROR, LIA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (snapshot->body == NULL)
    {
      /* Absent before: delete what is there now, if anything */
      if (stored == NULL || lia_record_get_tombstone (stored))
        return TRUE;
      return lia_store_delete (store, stored, error);
    }

  /* A fresh record with the stored identity and revision, so that the
   * store takes it as the next revision, even after a deletion */
  record = g_object_new (snapshot->type, NULL);
  lia_record_set_uuid (record, snapshot->uuid);
  if (stored != NULL)
    {
      lia_record_set_revision (record, lia_record_get_revision (stored));
      lia_record_set_created_at (record, lia_record_get_created_at (stored));
    }
  if (!lia_record_deserialize_body (record, snapshot->body, error))
    return FALSE;
  lia_record_set_operation (record, snapshot->operation);
  lia_record_set_sensitivity (record, snapshot->sensitivity);

  return lia_store_save (store, record, error);
}

static void
push_step (GPtrArray *steps,
           GPtrArray *step)
{
  if (steps->len >= MAX_STEPS)
    g_ptr_array_remove_index (steps, 0);
  g_ptr_array_add (steps, step);
}

static void
notify_can (LiaRecordHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
write_records (LiaRecordHistory   *self,
               LiaRecord * const  *records,
               guint               n_records,
               gboolean            delete,
               GError            **error)
{
  g_autoptr(GPtrArray) step = NULL;

  g_return_val_if_fail (LIA_IS_RECORD_HISTORY (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);

  if (!(step = take_snapshots (self->store, records, n_records, error)) ||
      !lia_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < n_records; i++)
    {
      if (!(delete ? lia_store_delete (self->store, records[i], error)
                   : lia_store_save (self->store, records[i], error)))
        {
          lia_store_rollback (self->store);
          return FALSE;
        }
    }

  if (!lia_store_commit (self->store, error))
    return FALSE;

  push_step (self->undo_steps, g_steal_pointer (&step));
  g_ptr_array_set_size (self->redo_steps, 0);
  notify_can (self);

  return TRUE;
}

/**
 * lia_record_history_save:
 *
 * Saves @records in one transaction, as one step to undo.
 */
gboolean
lia_record_history_save (LiaRecordHistory   *self,
                         LiaRecord * const  *records,
                         guint               n_records,
                         GError            **error)
{
  return write_records (self, records, n_records, FALSE, error);
}

/**
 * lia_record_history_delete:
 *
 * Deletes @records in one transaction, as one step to undo.
 */
gboolean
lia_record_history_delete (LiaRecordHistory   *self,
                           LiaRecord * const  *records,
                           guint               n_records,
                           GError            **error)
{
  return write_records (self, records, n_records, TRUE, error);
}

/* Restores the newest step of @from and keeps what it replaced in @to */
static gboolean
step_back (LiaRecordHistory  *self,
           GPtrArray         *from,
           GPtrArray         *to,
           GError           **error)
{
  g_autoptr(GPtrArray) opposite = g_ptr_array_new_with_free_func (snapshot_free);
  GPtrArray *step;

  if (from->len == 0)
    return TRUE;

  step = g_ptr_array_index (from, from->len - 1);

  if (!lia_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < step->len; i++)
    {
      const Snapshot *snapshot = g_ptr_array_index (step, i);
      Snapshot *current = take_snapshot (self->store, snapshot->uuid, snapshot->type, error);

      if (current == NULL || !restore_snapshot (self->store, snapshot, error))
        {
          g_clear_pointer (&current, snapshot_free);
          lia_store_rollback (self->store);
          return FALSE;
        }
      g_ptr_array_add (opposite, current);
    }

  if (!lia_store_commit (self->store, error))
    return FALSE;

  g_ptr_array_remove_index (from, from->len - 1);
  push_step (to, g_steal_pointer (&opposite));
  notify_can (self);

  return TRUE;
}

gboolean
lia_record_history_undo (LiaRecordHistory  *self,
                         GError           **error)
{
  g_return_val_if_fail (LIA_IS_RECORD_HISTORY (self), FALSE);

  return step_back (self, self->undo_steps, self->redo_steps, error);
}

gboolean
lia_record_history_redo (LiaRecordHistory  *self,
                         GError           **error)
{
  g_return_val_if_fail (LIA_IS_RECORD_HISTORY (self), FALSE);

  return step_back (self, self->redo_steps, self->undo_steps, error);
}

gboolean
lia_record_history_get_can_undo (LiaRecordHistory *self)
{
  g_return_val_if_fail (LIA_IS_RECORD_HISTORY (self), FALSE);

  return self->undo_steps->len > 0;
}

gboolean
lia_record_history_get_can_redo (LiaRecordHistory *self)
{
  g_return_val_if_fail (LIA_IS_RECORD_HISTORY (self), FALSE);

  return self->redo_steps->len > 0;
}

LiaStore *
lia_record_history_get_store (LiaRecordHistory *self)
{
  g_return_val_if_fail (LIA_IS_RECORD_HISTORY (self), NULL);

  return self->store;
}

static void
lia_record_history_finalize (GObject *object)
{
  LiaRecordHistory *self = (LiaRecordHistory *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->undo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->redo_steps, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_record_history_parent_class)->finalize (object);
}

static void
lia_record_history_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaRecordHistory *self = LIA_RECORD_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, lia_record_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, lia_record_history_get_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_record_history_class_init (LiaRecordHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_record_history_finalize;
  object_class->get_property = lia_record_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_record_history_init (LiaRecordHistory *self)
{
  self->undo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->redo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

/**
 * lia_record_dup:
 *
 * Returns: (transfer full): a copy of @record to edit, which saves as the
 *   next revision of the same record
 */
LiaRecord *
lia_record_dup (LiaRecord *record)
{
  g_autoptr(LiaRecord) copy = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LIA_IS_RECORD (record), NULL);

  copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  lia_record_set_uuid (copy, lia_record_get_uuid (record));
  lia_record_set_operation (copy, lia_record_get_operation (record));
  lia_record_set_revision (copy, lia_record_get_revision (record));
  lia_record_set_created_at (copy, lia_record_get_created_at (record));
  lia_record_set_updated_at (copy, lia_record_get_updated_at (record));
  lia_record_set_author_device (copy, lia_record_get_author_device (record));

  /* What the record itself wrote, it reads back */
  body = lia_record_serialize_body (record);
  if (!lia_record_deserialize_body (copy, body, &error))
    g_critical ("A record does not read back its own body: %s", error->message);
  lia_record_set_sensitivity (copy, lia_record_get_sensitivity (record));

  return g_steal_pointer (&copy);
}

LiaRecordHistory *
lia_record_history_new (LiaStore *store)
{
  LiaRecordHistory *self;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  self = g_object_new (LIA_TYPE_RECORD_HISTORY, NULL);
  self->store = g_object_ref (store);

  return self;
}
