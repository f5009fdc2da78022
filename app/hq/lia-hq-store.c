/* lia-hq-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-db.h"
#include "lia-hq-store.h"

struct _LiaHqStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

static void lia_hq_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaHqStore, lia_hq_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      lia_hq_store_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Append only: a released step is never edited, because HQ databases exist
 * at every earlier version and are upgraded in place when the daemon
 * starts. */
static const char * const migrations[] = {
  /* 1: the operations HQ coordinates and the devices enrolled in them */
  "CREATE TABLE operations ("
  "  id   TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT"
  ");"
  "CREATE TABLE devices ("
  "  id          TEXT PRIMARY KEY NOT NULL,"
  "  operation   TEXT NOT NULL REFERENCES operations (id),"
  "  clearance   INTEGER NOT NULL CHECK (clearance BETWEEN 0 AND 3),"
  "  token_hash  TEXT UNIQUE,"
  "  enrolled_at TEXT,"
  "  revoked_at  TEXT"
  ");",
};

static gboolean
lia_hq_store_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  LiaHqStore *self = LIA_HQ_STORE (initable);
  g_autoptr(sqlite3) db = NULL;

  g_return_val_if_fail (self->path != NULL, FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  if (!(db = lia_db_open (self->path, error)))
    return FALSE;

  /* lia_db_migrate refuses a newer schema before writing anything, so a
   * database from a newer liaison-hq is left exactly as it was. */
  if (!lia_db_migrate (db, migrations, G_N_ELEMENTS (migrations),
                       G_N_ELEMENTS (migrations), error))
    return FALSE;

  self->db = g_steal_pointer (&db);

  return TRUE;
}

static void
lia_hq_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = lia_hq_store_initable_init;
}

static void
lia_hq_store_finalize (GObject *object)
{
  LiaHqStore *self = (LiaHqStore *)object;

  g_clear_pointer (&self->db, lia_db_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lia_hq_store_parent_class)->finalize (object);
}

static void
lia_hq_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LiaHqStore *self = LIA_HQ_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SCHEMA_VERSION:
      g_value_set_uint (value, lia_hq_store_get_schema_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_hq_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LiaHqStore *self = LIA_HQ_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_hq_store_class_init (LiaHqStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_hq_store_finalize;
  object_class->get_property = lia_hq_store_get_property;
  object_class->set_property = lia_hq_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_uint ("schema-version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_hq_store_init (LiaHqStore *self)
{
}

/**
 * lia_hq_store_open:
 * @path: the SQLite file, created if missing
 * @error: a location for a #GError
 *
 * Opens the HQ database and brings its schema up to date.  A database
 * written by a newer liaison-hq is refused with %LIA_ERROR_SCHEMA_TOO_NEW
 * and left untouched.
 *
 * Returns: (transfer full): a new #LiaHqStore, or %NULL with @error set
 */
LiaHqStore *
lia_hq_store_open (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (LIA_TYPE_HQ_STORE, NULL, error,
                         "path", path,
                         NULL);
}

const char *
lia_hq_store_get_path (LiaHqStore *self)
{
  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);

  return self->path;
}

/**
 * lia_hq_store_get_schema_version:
 * @self: a #LiaHqStore
 *
 * Returns: the schema version of the open database, or 0 once closed
 */
guint
lia_hq_store_get_schema_version (LiaHqStore *self)
{
  g_return_val_if_fail (LIA_IS_HQ_STORE (self), 0);

  if (self->db == NULL)
    return 0;

  return lia_db_get_user_version (self->db);
}

guint
lia_hq_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * lia_hq_store_close:
 * @self: a #LiaHqStore
 * @error: a location for a #GError
 *
 * Folds the write-ahead log back into the database file and closes it, so
 * that a stopped HQ leaves a single self-contained file to back up.  Safe
 * to call more than once.
 *
 * Returns: %TRUE if the checkpoint succeeded; the database is closed either
 *   way
 */
gboolean
lia_hq_store_close (LiaHqStore  *self,
                    GError     **error)
{
  gboolean ret = TRUE;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), FALSE);

  if (self->db == NULL)
    return TRUE;

  ret = lia_db_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", error);
  g_clear_pointer (&self->db, lia_db_close);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA_VERSION]);

  return ret;
}
