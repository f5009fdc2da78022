/* lia-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-context.h"

/* What every page and command is handed instead of reaching for globals, as
 * GNOME Calendar hands out its GcalContext. */
struct _LiaContext
{
  GObject    parent_instance;
  LiaStore  *store;
  GSettings *settings;
  LiaClock  *clock;
  LiaSyncEngine *sync_engine;   /* on the store, made with the context */
};

G_DEFINE_FINAL_TYPE (LiaContext, lia_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lia_context_dispose (GObject *object)
{
  LiaContext *self = (LiaContext *)object;

  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (lia_context_parent_class)->dispose (object);
}

static void
lia_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LiaContext *self = LIA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LiaContext *self = LIA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_context_constructed (GObject *object)
{
  LiaContext *self = (LiaContext *)object;

  G_OBJECT_CLASS (lia_context_parent_class)->constructed (object);

  /* The enrolment lives in the store, so the engine needs nothing else */
  self->sync_engine = lia_sync_engine_new (self->store);
}

static void
lia_context_class_init (LiaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lia_context_constructed;
  object_class->dispose = lia_context_dispose;
  object_class->get_property = lia_context_get_property;
  object_class->set_property = lia_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIA_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, LIA_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_context_init (LiaContext *self)
{
}

/**
 * lia_context_new:
 * @clock: (nullable): the store's clock if %NULL
 */
LiaContext *
lia_context_new (LiaStore  *store,
                 GSettings *settings,
                 LiaClock  *clock)
{
  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (clock == NULL || LIA_IS_CLOCK (clock), NULL);

  return g_object_new (LIA_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       "clock", clock != NULL ? clock : lia_store_get_clock (store),
                       NULL);
}

LiaStore *
lia_context_get_store (LiaContext *self)
{
  g_return_val_if_fail (LIA_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
lia_context_get_settings (LiaContext *self)
{
  g_return_val_if_fail (LIA_IS_CONTEXT (self), NULL);

  return self->settings;
}

LiaClock *
lia_context_get_clock (LiaContext *self)
{
  g_return_val_if_fail (LIA_IS_CONTEXT (self), NULL);

  return self->clock;
}

/* Returns: (transfer none): the sync engine of the context's store */
LiaSyncEngine *
lia_context_get_sync_engine (LiaContext *self)
{
  g_return_val_if_fail (LIA_IS_CONTEXT (self), NULL);

  return self->sync_engine;
}

/* Returns: (transfer full): where this user's Liaison data lives by default */
char *
lia_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "liaison", NULL);
}

/**
 * lia_resolve_data_dir:
 * @option: (nullable): a directory given on the command line
 *
 * The command line wins over $LIAISON_DATA_DIR, which wins over the default.
 *
 * Returns: (transfer full): the data directory to use
 */
char *
lia_resolve_data_dir (const char *option)
{
  const char *env;

  if (option != NULL && *option != '\0')
    return g_strdup (option);

  env = g_getenv ("LIAISON_DATA_DIR");
  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return lia_default_data_dir ();
}
