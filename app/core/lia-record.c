/* lia-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-error.h"
#include "lia-record-private.h"

typedef struct
{
  char           *uuid;
  char           *operation;
  char           *author_device;
  GDateTime      *created_at;
  GDateTime      *updated_at;
  gint64          revision;
  LiaSensitivity  sensitivity;
  guint           tombstone : 1;
} LiaRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LiaRecord, lia_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_OPERATION,
  PROP_SENSITIVITY,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REVISION,
  PROP_AUTHOR_DEVICE,
  PROP_TOMBSTONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
set_date_time (GDateTime **slot,
               GDateTime  *value)
{
  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (slot, g_date_time_unref);
  *slot = value;
}

static void
lia_record_finalize (GObject *object)
{
  LiaRecord *self = (LiaRecord *)object;
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->operation, g_free);
  g_clear_pointer (&priv->author_device, g_free);
  g_clear_pointer (&priv->created_at, g_date_time_unref);
  g_clear_pointer (&priv->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (lia_record_parent_class)->finalize (object);
}

static void
lia_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LiaRecord *self = LIA_RECORD (object);
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;

    case PROP_OPERATION:
      g_value_set_string (value, priv->operation);
      break;

    case PROP_SENSITIVITY:
      g_value_set_enum (value, priv->sensitivity);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, priv->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, priv->updated_at);
      break;

    case PROP_REVISION:
      g_value_set_int64 (value, priv->revision);
      break;

    case PROP_AUTHOR_DEVICE:
      g_value_set_string (value, priv->author_device);
      break;

    case PROP_TOMBSTONE:
      g_value_set_boolean (value, priv->tombstone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LiaRecord *self = LIA_RECORD (object);

  switch (prop_id)
    {
    case PROP_OPERATION:
      lia_record_set_operation (self, g_value_get_string (value));
      break;

    case PROP_SENSITIVITY:
      lia_record_set_sensitivity (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_record_class_init (LiaRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_record_finalize;
  object_class->get_property = lia_record_get_property;
  object_class->set_property = lia_record_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_OPERATION] =
    g_param_spec_string ("operation", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SENSITIVITY] =
    g_param_spec_enum ("sensitivity", NULL, NULL,
                       LIA_TYPE_SENSITIVITY, LIA_SENSITIVITY_RESTRICTED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR_DEVICE] =
    g_param_spec_string ("author-device", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOMBSTONE] =
    g_param_spec_boolean ("tombstone", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_record_init (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  /* Generated on the device, so records can be created offline and merged
   * at HQ without a central counter. */
  priv->uuid = g_uuid_string_random ();
  priv->sensitivity = LIA_SENSITIVITY_RESTRICTED;
}

const char *
lia_record_get_record_type (LiaRecord *self)
{
  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  return LIA_RECORD_GET_CLASS (self)->record_type;
}

const char *
lia_record_get_uuid (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  return priv->uuid;
}

const char *
lia_record_get_operation (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  return priv->operation;
}

void
lia_record_set_operation (LiaRecord  *self,
                          const char *operation)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));

  if (set_str (&priv->operation, operation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATION]);
}

LiaSensitivity
lia_record_get_sensitivity (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), LIA_SENSITIVITY_RESTRICTED);

  return priv->sensitivity;
}

void
lia_record_set_sensitivity (LiaRecord      *self,
                            LiaSensitivity  sensitivity)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));
  g_return_if_fail (sensitivity <= LIA_SENSITIVITY_LAST);

  if (priv->sensitivity != sensitivity)
    {
      priv->sensitivity = sensitivity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENSITIVITY]);
    }
}

GDateTime *
lia_record_get_created_at (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  return priv->created_at;
}

GDateTime *
lia_record_get_updated_at (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  return priv->updated_at;
}

gint64
lia_record_get_revision (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), 0);

  return priv->revision;
}

const char *
lia_record_get_author_device (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  return priv->author_device;
}

gboolean
lia_record_get_tombstone (LiaRecord *self)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_val_if_fail (LIA_IS_RECORD (self), FALSE);

  return priv->tombstone;
}

void
lia_record_set_uuid (LiaRecord  *self,
                     const char *uuid)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));
  g_return_if_fail (uuid != NULL);

  if (set_str (&priv->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

void
lia_record_set_created_at (LiaRecord *self,
                           GDateTime *created_at)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));

  set_date_time (&priv->created_at, created_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

void
lia_record_set_updated_at (LiaRecord *self,
                           GDateTime *updated_at)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));

  set_date_time (&priv->updated_at, updated_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

void
lia_record_set_revision (LiaRecord *self,
                         gint64     revision)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));

  if (priv->revision != revision)
    {
      priv->revision = revision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
    }
}

void
lia_record_set_author_device (LiaRecord  *self,
                              const char *author_device)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));

  if (set_str (&priv->author_device, author_device))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_DEVICE]);
}

void
lia_record_set_tombstone (LiaRecord *self,
                          gboolean   tombstone)
{
  LiaRecordPrivate *priv = lia_record_get_instance_private (self);

  g_return_if_fail (LIA_IS_RECORD (self));

  tombstone = !!tombstone;
  if (priv->tombstone != tombstone)
    {
      priv->tombstone = tombstone;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOMBSTONE]);
    }
}

/* Returns: (transfer full): the type's own fields as a JSON object */
char *
lia_record_serialize_body (LiaRecord *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  LiaRecordClass *klass;

  g_return_val_if_fail (LIA_IS_RECORD (self), NULL);

  klass = LIA_RECORD_GET_CLASS (self);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (klass->serialize != NULL)
    klass->serialize (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
lia_record_deserialize_body (LiaRecord   *self,
                             const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  LiaRecordClass *klass;
  JsonNode *root;

  g_return_val_if_fail (LIA_IS_RECORD (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("A stored record is not valid JSON: %s"),
                   local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("A stored record is not a JSON object."));
      return FALSE;
    }

  klass = LIA_RECORD_GET_CLASS (self);
  if (klass->deserialize != NULL)
    return klass->deserialize (self, json_node_get_object (root), error);

  return TRUE;
}

/**
 * lia_record_is_syncable:
 *
 * Returns: whether saving @self now records a change for HQ; %TRUE unless
 *   its type keeps this state on the device
 */
gboolean
lia_record_is_syncable (LiaRecord *self)
{
  LiaRecordClass *klass;

  g_return_val_if_fail (LIA_IS_RECORD (self), TRUE);

  klass = LIA_RECORD_GET_CLASS (self);
  return klass->is_syncable == NULL || klass->is_syncable (self);
}

/**
 * lia_record_check_save:
 * @tombstone: whether the save is a delete
 *
 * Returns: %FALSE with @error set if the record's type forbids this save
 */
gboolean
lia_record_check_save (LiaRecord  *self,
                       gboolean    tombstone,
                       GError    **error)
{
  LiaRecordClass *klass;

  g_return_val_if_fail (LIA_IS_RECORD (self), FALSE);

  klass = LIA_RECORD_GET_CLASS (self);
  return klass->check_save == NULL || klass->check_save (self, tombstone, error);
}
