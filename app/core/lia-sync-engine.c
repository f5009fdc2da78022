/* lia-sync-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lia-error.h"
#include "lia-retention.h"
#include "lia-store-sync.h"
#include "lia-sync-blobs.h"
#include "lia-sync-engine.h"
#include "lia-sync-protocol.h"

/* The enrolment lives in the store's settings, so that it travels with the
 * data folder and is covered by whatever protects the store. */
#define SETTING_HQ_URL      "sync-hq-url"
#define SETTING_PIN         "sync-pin"
#define SETTING_DEVICE_ID   "sync-device-id"
#define SETTING_DEVICE_NAME "sync-device-name"
#define SETTING_TOKEN       "sync-token"   /* a secret: never printed */
#define SETTING_OPERATION   "sync-operation"
#define SETTING_CLEARANCE   "sync-clearance"
/* HQ's escrow public key (base64) the key file was sealed to at
 * enrolment; empty when the operation has no escrow. */
#define SETTING_ESCROW      "sync-escrow-key"

#define CODE_PREFIX        "LIA1-"
#define CODE_SECRET_LENGTH 24

/* How much HQ may answer to a push: an acknowledgement and conflicts. */
#define MAX_PUSH_ANSWER (1024 * 1024)

struct _LiaSyncEngine
{
  GObject       parent_instance;

  LiaStore     *store;
  LiaSyncState  state;
  gint64        pending;
  gint64        conflicts;
  gint64        refused;
  LiaSyncProgress progress;
  GDateTime    *last_sync;
  char         *last_error;
  guint         token_hash;
  gboolean      enrolled;
};

G_DEFINE_FINAL_TYPE (LiaSyncEngine, lia_sync_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LiaSyncState, lia_sync_state,
  G_DEFINE_ENUM_VALUE (LIA_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (LIA_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (LIA_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (LIA_SYNC_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (LIA_SYNC_STATE_REFUSED, "refused"))

G_DEFINE_ENUM_TYPE (LiaSyncPhase, lia_sync_phase,
  G_DEFINE_ENUM_VALUE (LIA_SYNC_PHASE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (LIA_SYNC_PHASE_PUSH, "push"),
  G_DEFINE_ENUM_VALUE (LIA_SYNC_PHASE_PULL, "pull"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_REFUSED,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_ENROLLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
lia_sync_enrolment_free (LiaSyncEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;

  g_free (enrolment->hq_url);
  g_free (enrolment->device_id);
  g_free (enrolment->device_name);
  g_free (enrolment->operation);
  g_free (enrolment);
}

static void
lia_sync_engine_finalize (GObject *object)
{
  LiaSyncEngine *self = (LiaSyncEngine *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (lia_sync_engine_parent_class)->finalize (object);
}

static void
lia_sync_engine_constructed (GObject *object)
{
  LiaSyncEngine *self = (LiaSyncEngine *)object;

  G_OBJECT_CLASS (lia_sync_engine_parent_class)->constructed (object);

  /* What waits for sync changes with every local save. */
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (lia_sync_engine_refresh), self,
                           G_CONNECT_SWAPPED);

  lia_sync_engine_refresh (self);
}

static void
lia_sync_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaSyncEngine *self = LIA_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;

    case PROP_CONFLICTS:
      g_value_set_int64 (value, self->conflicts);
      break;

    case PROP_REFUSED:
      g_value_set_int64 (value, self->refused);
      break;

    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_ENROLLED:
      g_value_set_boolean (value, self->enrolled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sync_engine_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LiaSyncEngine *self = LIA_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sync_engine_class_init (LiaSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_sync_engine_finalize;
  object_class->constructed = lia_sync_engine_constructed;
  object_class->get_property = lia_sync_engine_get_property;
  object_class->set_property = lia_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIA_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LIA_TYPE_SYNC_STATE, LIA_SYNC_STATE_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PENDING] =
    g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONFLICTS] =
    g_param_spec_int64 ("conflicts", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REFUSED] =
    g_param_spec_int64 ("refused", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENROLLED] =
    g_param_spec_boolean ("enrolled", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaSyncEngine::progress:
   *
   * Where a running sync has got to (lia_sync_engine_get_progress()),
   * emitted on the thread that created the engine, also for a sync run by
   * lia_sync_engine_sync_async().
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lia_sync_engine_init (LiaSyncEngine *self)
{
}

/**
 * lia_sync_engine_new:
 * @store: the field store to sync; the engine uses it from the thread that
 *   created the engine only
 */
LiaSyncEngine *
lia_sync_engine_new (LiaStore *store)
{
  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  return g_object_new (LIA_TYPE_SYNC_ENGINE, "store", store, NULL);
}

LiaStore *
lia_sync_engine_get_store (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), NULL);

  return self->store;
}

LiaSyncState
lia_sync_engine_get_state (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), LIA_SYNC_STATE_IDLE);

  return self->state;
}

/* Returns: how many local changes wait to be sent to HQ */
gint64
lia_sync_engine_get_pending (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), 0);

  return self->pending;
}

/* Returns: how many conflicts wait for a person */
gint64
lia_sync_engine_get_conflicts (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), 0);

  return self->conflicts;
}

/* Returns: (nullable) (transfer none): when the last complete sync ended */
GDateTime *
lia_sync_engine_get_last_sync (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), NULL);

  return self->last_sync;
}

/* Returns: (nullable): why the last sync failed, if it did */
const char *
lia_sync_engine_get_last_error (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), NULL);

  return self->last_error;
}

/* Returns: how many records have a change HQ refused, kept here */
gint64
lia_sync_engine_get_refused (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), 0);

  return self->refused;
}

/**
 * lia_sync_engine_get_progress:
 * @progress: (out caller-allocates): where the running sync has got to;
 *   its phase is %LIA_SYNC_PHASE_NONE when no sync runs
 */
void
lia_sync_engine_get_progress (LiaSyncEngine   *self,
                              LiaSyncProgress *progress)
{
  g_return_if_fail (LIA_IS_SYNC_ENGINE (self));
  g_return_if_fail (progress != NULL);

  *progress = self->progress;
}

static void
set_progress (LiaSyncEngine         *self,
              const LiaSyncProgress *progress)
{
  /* A report that arrives after the sync ended is stale. */
  if (progress->phase != LIA_SYNC_PHASE_NONE && self->state != LIA_SYNC_STATE_SYNCING)
    return;

  self->progress = *progress;
  g_signal_emit (self, signals[PROGRESS], 0);
}

/**
 * lia_sync_engine_store_is_enrolled:
 *
 * Whether @store holds an enrolment with HQ, without a sync engine (for
 * retention, which keeps what HQ does not have yet).
 */
gboolean
lia_sync_engine_store_is_enrolled (LiaStore *store)
{
  g_autofree char *token = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);

  token = lia_store_get_setting (store, SETTING_TOKEN);
  return token != NULL && *token != '\0';
}

gboolean
lia_sync_engine_get_enrolled (LiaSyncEngine *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), FALSE);

  return self->enrolled;
}

/**
 * lia_sync_engine_dup_enrolment:
 *
 * Returns: (transfer full) (nullable): the enrolment, without the token,
 *   or %NULL if the device is not enrolled
 */
LiaSyncEnrolment *
lia_sync_engine_dup_enrolment (LiaSyncEngine *self)
{
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  g_autofree char *token = NULL;
  g_autofree char *clearance = NULL;

  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), NULL);

  token = lia_store_get_setting (self->store, SETTING_TOKEN);
  if (token == NULL)
    return NULL;

  enrolment = g_new0 (LiaSyncEnrolment, 1);
  enrolment->hq_url = lia_store_get_setting (self->store, SETTING_HQ_URL);
  enrolment->device_id = lia_store_get_setting (self->store, SETTING_DEVICE_ID);
  enrolment->device_name = lia_store_get_setting (self->store, SETTING_DEVICE_NAME);
  enrolment->operation = lia_store_get_setting (self->store, SETTING_OPERATION);
  clearance = lia_store_get_setting (self->store, SETTING_CLEARANCE);
  if (!lia_sensitivity_from_string (clearance, &enrolment->clearance))
    enrolment->clearance = LIA_SENSITIVITY_PUBLIC;

  return g_steal_pointer (&enrolment);
}

static void
set_state (LiaSyncEngine *self,
           LiaSyncState   state)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_int64 (LiaSyncEngine *self,
           gint64        *slot,
           gint64         value,
           guint          prop_id)
{
  if (value >= 0 && *slot != value)
    {
      *slot = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

/**
 * lia_sync_engine_refresh:
 *
 * Reads again what is pending, the conflicts and the outcome of the last
 * sync, for instance after the store was changed.
 */
void
lia_sync_engine_refresh (LiaSyncEngine *self)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autofree char *token = NULL;
  gboolean enrolled;
  guint token_hash;

  g_return_if_fail (LIA_IS_SYNC_ENGINE (self));

  g_object_freeze_notify (G_OBJECT (self));

  set_int64 (self, &self->pending, lia_store_count_changes (self->store, NULL), PROP_PENDING);
  set_int64 (self, &self->conflicts, lia_store_count_conflicts (self->store, NULL), PROP_CONFLICTS);
  set_int64 (self, &self->refused, lia_store_count_refused (self->store, NULL), PROP_REFUSED);

  token = lia_store_get_setting (self->store, SETTING_TOKEN);
  enrolled = token != NULL;

  /* A new enrolment, here or through another connection, lifts a refusal:
   * only a hash of the token is kept to notice it. */
  token_hash = token != NULL ? g_str_hash (token) : 0;
  if (token_hash != self->token_hash)
    {
      self->token_hash = token_hash;
      if (self->state == LIA_SYNC_STATE_REFUSED)
        set_state (self, LIA_SYNC_STATE_IDLE);
    }
  if (self->enrolled != enrolled)
    {
      self->enrolled = enrolled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENROLLED]);
    }

  if (lia_store_get_sync_checkpoint (self->store, &checkpoint, NULL))
    {
      g_autoptr(GDateTime) last_sync = NULL;

      if (checkpoint.last_sync_at != NULL)
        last_sync = g_date_time_new_from_iso8601 (checkpoint.last_sync_at, NULL);

      if (last_sync != NULL ? self->last_sync == NULL || !g_date_time_equal (last_sync, self->last_sync)
                            : self->last_sync != NULL)
        {
          g_clear_pointer (&self->last_sync, g_date_time_unref);
          self->last_sync = g_steal_pointer (&last_sync);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
        }

      if (g_strcmp0 (self->last_error, checkpoint.last_error) != 0)
        {
          g_free (self->last_error);
          self->last_error = g_steal_pointer (&checkpoint.last_error);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- enrolment ------------------------------------------------------------ */

/**
 * lia_sync_validate_hq_address:
 * @text: what a person typed as the address of HQ; spaces around it do
 *   not count
 *
 * The one check of an address of HQ, for the enrolment form, the
 * preferences and `liaison-cli enrol`: https://, or http:// on this
 * machine only, with nothing that would carry secrets in the clear.
 */
gboolean
lia_sync_validate_hq_address (const char  *text,
                              GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("Enter the address of HQ, such as https://hq.example.org."));
      return FALSE;
    }

  return lia_sync_transport_check_url (clean, error);
}

/* A code is “LIA1-<secret>-<pin>” (docs/sync-protocol.md): 24 base32
 * characters, then HQ's public-key hash in base64, left out for an HQ
 * without TLS.  Whether the secret is right is for HQ to say. */
static gboolean
parse_code (const char  *code,
            char       **pin,
            GError     **error)
{
  const char *secret = code + strlen (CODE_PREFIX);
  const char *rest = secret + CODE_SECRET_LENGTH;

  *pin = NULL;

  if (g_ascii_strncasecmp (code, CODE_PREFIX, strlen (CODE_PREFIX)) == 0 &&
      strlen (secret) >= CODE_SECRET_LENGTH &&
      strspn (secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567") >= CODE_SECRET_LENGTH)
    {
      g_autofree guchar *key_hash = NULL;
      gsize key_hash_len = 0;

      if (*rest == '\0' || g_str_equal (rest, "-"))
        return TRUE;

      if (*rest == '-' &&
          strspn (rest + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == strlen (rest + 1) &&
          (key_hash = g_base64_decode (rest + 1, &key_hash_len)) != NULL && key_hash_len == 32)
        {
          *pin = g_strdup (rest + 1);
          return TRUE;
        }
    }

  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("This is not an enrolment code. A code starts with LIA1-; copy it again from your information manager’s message."));
  return FALSE;
}

/**
 * lia_sync_engine_check_code:
 *
 * Checks that @code looks like an enrolment code, before anything is
 * done with it.
 */
gboolean
lia_sync_engine_check_code (const char  *code,
                            GError     **error)
{
  g_autofree char *clean_code = NULL;
  g_autofree char *pin = NULL;

  g_return_val_if_fail (code != NULL, FALSE);

  clean_code = g_strstrip (g_strdup (code));
  return parse_code (clean_code, &pin, error);
}

static void
set_unreadable (GError     **error,
                const char  *detail)
{
  g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
               _("HQ answered something this version of Liaison cannot read (%s). Update Liaison, or tell your information manager."),
               detail);
}

static JsonObject *
parse_json_object (GBytes   *bytes,
                   gboolean  gzipped,
                   gsize     max_size,
                   GError  **error)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;
  JsonNode *root;

  plain = gzipped ? lia_sync_gunzip (bytes, max_size, &local_error) : g_bytes_ref (bytes);
  if (plain != NULL)
    {
      data = g_bytes_get_data (plain, &len);
      if (len <= max_size &&
          json_parser_load_from_data (parser, data, len, &local_error) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        return json_object_ref (json_node_get_object (root));
    }

  set_unreadable (error, local_error != NULL ? local_error->message : _("not a JSON object"));
  return NULL;
}

/* When the device's operation has escrow on, HQ's answer carries its
 * escrow public key: the data key is sealed to it in the key file, so
 * that HQ can recover this laptop's data if the passphrase is lost
 * (docs/encryption.md, “HQ recovery”).  A store in clear (tests only)
 * has no key file to seal.  Returns the key as it is recorded, "" for
 * none. */
static char *
set_escrow (LiaStore    *store,
            JsonObject  *answer,
            GError     **error)
{
  const char *encoded = json_object_get_string_member_with_default (answer, "escrow_public_key", NULL);
  LiaVault *vault = lia_store_get_vault (store);
  g_autofree guint8 *key = NULL;
  gsize length = 0;

  /* An operation without escrow: a key sealed at an earlier enrolment
   * (another operation's HQ) must not stay in the key file */
  if (encoded == NULL || *encoded == '\0')
    {
      if (vault != NULL && lia_vault_has_escrow (vault) && !lia_vault_set_escrow (vault, NULL, error))
        return NULL;
      return g_strdup ("");
    }

  key = g_base64_decode (encoded, &length);
  if (length != LIA_VAULT_HQ_KEY_BYTES)
    {
      g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                           _("HQ’s answer to the enrolment is incomplete. Tell your information manager."));
      return NULL;
    }

  if (vault == NULL)
    return g_strdup ("");

  if (!lia_vault_set_escrow (vault, key, error))
    return NULL;

  return g_strdup (encoded);
}

static gboolean
store_enrolment (LiaStore    *store,
                 const char  *url,
                 const char  *pin,
                 const char  *device_name,
                 JsonObject  *answer,
                 GError     **error)
{
  const char *device_id = json_object_get_string_member_with_default (answer, "device_id", NULL);
  const char *token = json_object_get_string_member_with_default (answer, "token", NULL);
  const char *operation = json_object_get_string_member_with_default (answer, "operation", NULL);
  const char *clearance = json_object_get_string_member_with_default (answer, "clearance", NULL);
  g_autofree char *escrow = NULL;
  LiaSensitivity level;

  if (device_id == NULL || !g_uuid_string_is_valid (device_id) ||
      token == NULL || *token == '\0' || operation == NULL || *operation == '\0' ||
      !lia_sensitivity_from_string (clearance, &level))
    {
      g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                           _("HQ’s answer to the enrolment is incomplete. Tell your information manager."));
      return FALSE;
    }

  if (!(escrow = set_escrow (store, answer, error)) ||
      !lia_store_begin (store, error))
    return FALSE;

  /* A new enrolment may scope the device differently: pull all again. */
  if (!lia_store_set_setting (store, SETTING_HQ_URL, url, error) ||
      !lia_store_set_setting (store, SETTING_PIN, pin != NULL ? pin : "", error) ||
      !lia_store_set_setting (store, SETTING_DEVICE_ID, device_id, error) ||
      !lia_store_set_setting (store, SETTING_DEVICE_NAME, device_name, error) ||
      !lia_store_set_setting (store, SETTING_TOKEN, token, error) ||
      !lia_store_set_setting (store, SETTING_OPERATION, operation, error) ||
      !lia_store_set_setting (store, SETTING_CLEARANCE, clearance, error) ||
      !lia_store_set_setting (store, SETTING_ESCROW, escrow, error) ||
      !lia_store_forget_pull_cursor (store, error))
    {
      lia_store_rollback (store);
      return FALSE;
    }

  return lia_store_commit (store, error);
}

/**
 * lia_sync_engine_enrol:
 * @url: HQ's address
 * @code: the one-time code from HQ's information manager
 * @device_name: (nullable): how HQ lists this device; the host name if
 *   %NULL
 *
 * Enrols this device with HQ, replacing any earlier enrolment: the device
 * gets its identity and token, and its operation and clearance.
 */
gboolean
lia_sync_engine_enrol (LiaSyncEngine  *self,
                       const char     *url,
                       const char     *code,
                       const char     *device_name,
                       GError        **error)
{
  g_autoptr(LiaSyncTransport) transport = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_code = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *text = NULL;
  gboolean gzipped = FALSE;
  gsize length;

  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (device_name == NULL)
    device_name = g_get_host_name ();

  /* Codes get pasted from messages with spaces around them. */
  clean_code = g_strstrip (g_strdup (code));
  if (!parse_code (clean_code, &pin, error))
    return FALSE;

  /* The pin protects the enrolment itself: the code goes to no other
   * server than the one it names. */
  if (!(transport = lia_sync_transport_new (url, pin, NULL, error)))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, clean_code);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  length = strlen (text);
  request = g_bytes_new_take (g_steal_pointer (&text), length);

  response = lia_sync_transport_request (transport, "POST", "/api/v1/enrol", request, FALSE,
                                         &gzipped, NULL, &local_error);
  if (response == NULL)
    {
      /* Here a refusal is about the code, not the device. */
      if (g_error_matches (local_error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN) ||
          g_error_matches (local_error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED))
        g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN,
                             _("HQ refused this enrolment code: it is wrong, already used or expired. Ask your information manager for a new one."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(answer = parse_json_object (response, gzipped, MAX_PUSH_ANSWER, error)) ||
      !store_enrolment (self->store, url, pin, device_name, answer, error))
    return FALSE;

  lia_sync_engine_refresh (self);
  return TRUE;
}

/* ---- one sync -------------------------------------------------------------- */

typedef void (*ProgressFunc) (const LiaSyncProgress *progress,
                              gpointer               user_data);

/* One sync, from whatever thread owns @store. */
typedef struct
{
  LiaStore          *store;
  LiaSyncTransport  *transport;
  const char        *device_id;
  GCancellable      *cancellable;
  LiaSyncStats      *stats;
  LiaSyncProgress    progress;
  ProgressFunc       progress_func;
  gpointer           progress_data;
  gint64             log_id;       /* the attempt in the sync log; 0: none */
  LiaSensitivity     clearance;    /* the most sensitive change HQ takes from us */
} SyncRun;

static void
report_progress (SyncRun *run)
{
  if (run->progress_func != NULL)
    run->progress_func (&run->progress, run->progress_data);
}

/* The refusals in a push answer (docs/sync-protocol.md, Push), for the
 * store; %NULL if the answer is malformed. */
static GPtrArray *
parse_refused (JsonObject  *answer,
               GError     **error)
{
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_refused_change_free);
  JsonNode *node = json_object_get_member (answer, "refused");
  JsonArray *array;

  /* An HQ that predates per-change refusals refuses whole batches. */
  if (node == NULL)
    return g_steal_pointer (&refused);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto malformed;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(LiaRefusedChange) one = g_new0 (LiaRefusedChange, 1);
      JsonObject *object;
      JsonNode *seq;
      const char *code;
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto malformed;
      object = json_node_get_object (element);
      seq = json_object_get_member (object, "seq");
      code = json_object_get_string_member_with_default (object, "error", NULL);
      message = json_object_get_string_member_with_default (object, "message", NULL);
      if (seq == NULL || json_node_get_value_type (seq) != G_TYPE_INT64 || code == NULL ||
          message == NULL || !g_utf8_validate (message, -1, NULL) || !g_utf8_validate (code, -1, NULL))
        goto malformed;

      one->seq = json_node_get_int (seq);
      one->reason = g_strdup (code);
      /* Translators: %s is HQ's reason, such as “the change is confidential,
       * above this device's clearance (restricted).” */
      one->message = g_strdup_printf (_("HQ refused this change: %s"), message);
      g_ptr_array_add (refused, g_steal_pointer (&one));
    }

  return g_steal_pointer (&refused);

malformed:
  set_unreadable (error, "refused");
  return NULL;
}

/* HQ refused @changes as too large before reading them: send half, or, of
 * a single change, keep it here as refused, and go on with the rest. */
static gboolean
handle_too_large (SyncRun    *run,
                  gint64      batch_seq,
                  GPtrArray  *changes,
                  guint       n_held,
                  GBytes     *request,
                  GError    **error)
{
  const LiaSyncChange *change = g_ptr_array_index (changes, 0);
  g_autofree char *size = NULL;
  g_autofree char *message = NULL;

  /* Held-back changes count: the store's batch holds them too */
  if (changes->len + n_held > 1)
    return lia_store_shrink_batch (run->store, batch_seq, (changes->len + n_held) / 2, error) != 0;

  size = g_format_size (g_bytes_get_size (request));
  /* Translators: %s is a size, such as “2.1 MB” */
  message = g_strdup_printf (_("This record is larger than HQ accepts (%s once compressed); attachments and long texts make records large. Make it smaller, or ask your information manager to let HQ take larger records."),
                             size);
  if (!lia_store_refuse_change (run->store, batch_seq, change->seq, "too-large", message, error))
    return FALSE;

  run->stats->refused++;
  run->progress.done++;
  report_progress (run);
  return TRUE;
}

/* @held: (transfer full): this batch's changes held back here
 * (hold_above_clearance()), refused with HQ's own refusals */
static gboolean
push_batch (SyncRun    *run,
            gint64      batch_seq,
            GPtrArray  *changes,
            GPtrArray  *held,
            GError    **error)
{
  g_autoptr(GPtrArray) held_here = held;
  guint n_held = held->len;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean gzipped = FALSE;
  JsonNode *acked;

  request = lia_sync_encode_push (run->device_id, batch_seq, changes);
  if (request == NULL)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("A change waiting for sync is damaged, so nothing more can be sent. Tell your information manager."));
      return FALSE;
    }

  /* This device takes refusals change by change: one change HQ will not
   * take does not hold up the others. */
  response = lia_sync_transport_request (run->transport, "POST", "/api/v1/push?refusals=per-change",
                                         request, TRUE, &gzipped, run->cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_TOO_LARGE))
        return handle_too_large (run, batch_seq, changes, n_held, request, error);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(answer = parse_json_object (response, gzipped, MAX_PUSH_ANSWER, error)))
    return FALSE;

  acked = json_object_get_member (answer, "acked_seq");
  if (acked == NULL || json_node_get_value_type (acked) != G_TYPE_INT64 ||
      json_node_get_int (acked) != batch_seq)
    {
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                   _("HQ did not acknowledge batch %" PRId64 " as sent. Liaison will send it again."),
                   batch_seq);
      return FALSE;
    }

  /* Only now is the batch durable at HQ; what it refused stays here, as
   * does what this device held back. */
  if (!(refused = parse_refused (answer, error)))
    return FALSE;
  run->stats->pushed += changes->len - refused->len;
  g_ptr_array_extend_and_steal (refused, g_steal_pointer (&held_here));
  if (!lia_store_ack_batch_refused (run->store, batch_seq, refused, error) ||
      !lia_retention_note_received (run->store, changes, error))
    return FALSE;

  run->stats->refused += refused->len;
  run->stats->batches++;
  run->progress.done += changes->len + n_held;
  run->progress.batches++;
  report_progress (run);
  return TRUE;
}

/* HQ refuses a change above this device's clearance (it set it at
 * enrolment): such a change is not sent at all, but kept here as refused,
 * as HQ would have, with a message saying what to do.  Removes them from
 * @changes.
 *
 * Returns: (transfer full): the refusals, LiaRefusedChange */
static GPtrArray *
hold_above_clearance (SyncRun   *run,
                      GPtrArray *changes)
{
  GPtrArray *held = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_refused_change_free);

  for (guint i = 0; i < changes->len;)
    {
      const LiaSyncChange *change = g_ptr_array_index (changes, i);
      LiaRefusedChange *one;

      if (change->sensitivity <= run->clearance)
        {
          i++;
          continue;
        }

      one = g_new0 (LiaRefusedChange, 1);
      one->seq = change->seq;
      one->reason = g_strdup ("above-clearance");
      /* Translators: the first %s is a sensitivity, such as “Strictly
       * confidential”, the second this device's clearance */
      one->message = g_strdup_printf (_("This record is marked “%s”, above what HQ lets this device send (“%s”), so it was not sent and stays on this laptop. Lower its sensitivity to send it, or ask your information manager for a higher clearance and enrol again."),
                                      lia_sensitivity_get_label (change->sensitivity),
                                      lia_sensitivity_get_label (run->clearance));
      g_ptr_array_add (held, one);
      g_ptr_array_remove_index (changes, i);
    }

  return held;
}

static gboolean
push_all (SyncRun  *run,
          GError  **error)
{
  gint64 pending = lia_store_count_changes (run->store, NULL);

  run->progress.phase = LIA_SYNC_PHASE_PUSH;
  run->progress.done = 0;
  run->progress.total = MAX (pending, 0);
  report_progress (run);

  for (;;)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GPtrArray) held = NULL;
      gint64 batch_seq;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
          !(changes = lia_store_next_batch (run->store, &batch_seq, error)))
        return FALSE;

      if (changes->len == 0)
        return TRUE;

      held = hold_above_clearance (run, changes);
      if (changes->len == 0)
        {
          /* Nothing in this batch may go: HQ need not hear of it */
          guint n_held = held->len;

          if (!lia_store_ack_batch_refused (run->store, batch_seq, held, error))
            return FALSE;
          run->stats->refused += n_held;
          run->progress.done += n_held;
          report_progress (run);
          continue;
        }

      /* Attachments first: HQ never holds a record without them. */
      if (!lia_sync_blobs_upload (run->store, run->transport, changes, run->cancellable, error) ||
          !push_batch (run, batch_seq, changes, g_steal_pointer (&held), error))
        return FALSE;
    }
}

static gboolean
apply_page (LiaStore      *store,
            GPtrArray     *changes,
            const char    *cursor,
            LiaSyncStats  *stats,
            GError       **error)
{
  guint pulled = 0;
  guint conflicts = 0;

  /* The page and the cursor after it together: a page cut off by a crash
   * is pulled again whole. */
  if (!lia_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      LiaApplyResult result;

      if (!lia_store_apply_remote (store, g_ptr_array_index (changes, i), &result, error))
        {
          lia_store_rollback (store);
          return FALSE;
        }

      pulled += result != LIA_APPLY_SKIPPED;
      conflicts += result == LIA_APPLY_CONFLICT;
    }

  if (!lia_store_set_pull_cursor (store, cursor, error))
    {
      lia_store_rollback (store);
      return FALSE;
    }

  if (!lia_store_commit (store, error))
    return FALSE;

  stats->pulled += pulled;
  stats->conflicts += conflicts;
  stats->pages++;
  return TRUE;
}

static gboolean
pull_all (SyncRun  *run,
          GError  **error)
{
  gboolean more = TRUE;

  run->progress.phase = LIA_SYNC_PHASE_PULL;
  run->progress.done = 0;
  run->progress.total = 0;
  report_progress (run);

  while (more)
    {
      g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
      g_autoptr(GBytes) response = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *cursor = NULL;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
          !lia_store_get_sync_checkpoint (run->store, &checkpoint, error))
        return FALSE;

      if (checkpoint.pull_cursor != NULL)
        {
          g_autofree char *since = g_uri_escape_string (checkpoint.pull_cursor, NULL, FALSE);

          path = g_strdup_printf ("/api/v1/pull?since=%s&limit=%d", since, LIA_SYNC_MAX_BATCH_CHANGES);
        }
      else
        {
          path = g_strdup_printf ("/api/v1/pull?limit=%d", LIA_SYNC_MAX_BATCH_CHANGES);
        }

      if (!(response = lia_sync_transport_request (run->transport, "GET", path, NULL, FALSE,
                                                   NULL, run->cancellable, error)))
        return FALSE;

      if (!lia_sync_decode_pull (response, &changes, &cursor, &more, &local_error))
        {
          set_unreadable (error, local_error->message);
          return FALSE;
        }

      /* An HQ that keeps promising more from the same place would keep us
       * here for ever. */
      if (more && g_strcmp0 (cursor, checkpoint.pull_cursor) == 0)
        {
          g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                               _("HQ keeps sending the same changes. Tell your information manager."));
          return FALSE;
        }

      if (!apply_page (run->store, changes, cursor, run->stats, error))
        return FALSE;

      run->progress.done++;
      run->progress.pages++;
      report_progress (run);
    }

  return TRUE;
}

static gboolean
run_sync (SyncRun     *run,
          const char  *server_url,
          GError     **error)
{
  g_autoptr(LiaSyncTransport) transport = NULL;
  g_autofree char *hq_url = lia_store_get_setting (run->store, SETTING_HQ_URL);
  g_autofree char *pin = lia_store_get_setting (run->store, SETTING_PIN);
  g_autofree char *device_id = lia_store_get_setting (run->store, SETTING_DEVICE_ID);
  g_autofree char *token = lia_store_get_setting (run->store, SETTING_TOKEN);
  g_autofree char *clearance = lia_store_get_setting (run->store, SETTING_CLEARANCE);
  gboolean ok;

  /* An enrolment without a clearance leaves the decision to HQ */
  if (!lia_sensitivity_from_string (clearance, &run->clearance))
    run->clearance = LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL;

  if (hq_url == NULL || device_id == NULL || token == NULL)
    {
      g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_ENROLLED,
                           _("This device is not enrolled with HQ yet. Enrol it with the address of HQ and the code from your information manager."));
      return FALSE;
    }

  /* Only attempts of an enrolled device go in the log.  The log is a
   * courtesy: failing to write it stops no sync. */
  run->log_id = lia_store_begin_sync_log (run->store, NULL);

  if (!(transport = lia_sync_transport_new (server_url != NULL ? server_url : hq_url, pin, token, error)))
    return FALSE;

  run->transport = transport;
  run->device_id = device_id;

  /* Push first: what HQ sends back then already accounts for our changes. */
  ok = push_all (run, error) && pull_all (run, error) &&
       lia_sync_blobs_download (run->store, transport, run->cancellable, error);

  lia_sync_transport_get_usage (transport, &run->stats->bytes_sent, &run->stats->bytes_received,
                                &run->stats->requests, &run->stats->connections);
  run->transport = NULL;
  run->device_id = NULL;
  return ok;
}

/* How the sync log names the end of an attempt. */
static const char *
outcome_for_error (const GError *error)
{
  if (error == NULL)
    return "ok";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_OFFLINE))
    return "offline";
  if (g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN))
    return "refused";
  return "error";
}

/* Runs one sync on @store, from whatever thread owns it, and remembers how
 * it ended, in the checkpoint and the sync log. */
static gboolean
sync_store (LiaStore      *store,
            const char    *server_url,
            GCancellable  *cancellable,
            LiaSyncStats  *stats,
            ProgressFunc   progress_func,
            gpointer       progress_data,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  SyncRun run = { 0, };
  LiaSyncLogEntry entry = { 0, };

  memset (stats, 0, sizeof *stats);
  run.store = store;
  run.cancellable = cancellable;
  run.stats = stats;
  run.progress_func = progress_func;
  run.progress_data = progress_data;

  run_sync (&run, server_url, &local_error);

  if ((entry.id = run.log_id) != 0)
    {
      entry.outcome = (char *) outcome_for_error (local_error);
      entry.pushed = stats->pushed;
      entry.pulled = stats->pulled;
      entry.conflicts = stats->conflicts;
      entry.refused = stats->refused;
      entry.bytes_sent = stats->bytes_sent;
      entry.bytes_received = stats->bytes_received;
      entry.error = local_error != NULL ? local_error->message : NULL;
      lia_store_end_sync_log (store, &entry, NULL);
    }

  if (local_error == NULL)
    return lia_store_record_sync_result (store, NULL, error);

  /* Stopping is not a failure worth showing. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lia_store_record_sync_result (store, local_error->message, NULL);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
begin_sync (LiaSyncEngine  *self,
            GError        **error)
{
  if (self->state == LIA_SYNC_STATE_SYNCING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("A sync is already running."));
      return FALSE;
    }

  set_state (self, LIA_SYNC_STATE_SYNCING);
  return TRUE;
}

static void
end_sync (LiaSyncEngine *self,
          const GError  *error)
{
  const LiaSyncProgress none = { LIA_SYNC_PHASE_NONE, };

  g_object_freeze_notify (G_OBJECT (self));

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, LIA_SYNC_STATE_IDLE);
  else if (g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_OFFLINE))
    set_state (self, LIA_SYNC_STATE_OFFLINE);
  else if (g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED) ||
           g_error_matches (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN))
    set_state (self, LIA_SYNC_STATE_REFUSED);
  else
    set_state (self, LIA_SYNC_STATE_ERROR);

  set_progress (self, &none);
  lia_sync_engine_refresh (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
progress_in_place (const LiaSyncProgress *progress,
                   gpointer               user_data)
{
  set_progress (LIA_SYNC_ENGINE (user_data), progress);
}

/**
 * lia_sync_engine_sync:
 * @server_url: (nullable): another address of HQ for this sync only, such
 *   as a relay; the enrolled one if %NULL
 * @stats: (out caller-allocates): what the sync did
 *
 * Sends every change waiting, in batches, then applies every change HQ has
 * for this device, blocking the calling thread.  What was acknowledged or
 * applied stays done if the sync fails half-way.  A change HQ refuses, or
 * one too large for it, is kept here (lia_store_list_refused()) and the
 * others still go.
 */
gboolean
lia_sync_engine_sync (LiaSyncEngine  *self,
                      const char     *server_url,
                      GCancellable   *cancellable,
                      LiaSyncStats   *stats,
                      GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  LiaSyncStats local_stats;

  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), FALSE);

  if (!begin_sync (self, error))
    return FALSE;

  sync_store (self->store, server_url, cancellable, stats != NULL ? stats : &local_stats,
              progress_in_place, self, &local_error);
  end_sync (self, local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char         *path;
  LiaClock     *clock;
  char         *server_url;
  LiaSyncStats  stats;
  GMainContext *context;    /* the engine's, for progress reports */
  GWeakRef      engine;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_free (data->path);
  g_clear_object (&data->clock);
  g_free (data->server_url);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_weak_ref_clear (&data->engine);
  g_free (data);
}

typedef struct
{
  GWeakRef        engine;
  LiaSyncProgress progress;
} ProgressReport;

static void
progress_report_free (ProgressReport *report)
{
  g_weak_ref_clear (&report->engine);
  g_free (report);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;
  g_autoptr(LiaSyncEngine) engine = g_weak_ref_get (&report->engine);

  if (engine != NULL)
    set_progress (engine, &report->progress);

  return G_SOURCE_REMOVE;
}

/* From the worker to the engine's thread. */
static void
progress_from_worker (const LiaSyncProgress *progress,
                      gpointer               user_data)
{
  SyncData *data = user_data;
  g_autoptr(LiaSyncEngine) engine = g_weak_ref_get (&data->engine);
  g_autoptr(GSource) source = NULL;
  ProgressReport *report;

  if (engine == NULL)
    return;

  report = g_new0 (ProgressReport, 1);
  g_weak_ref_init (&report->engine, engine);
  report->progress = *progress;

  /* Always through a source: g_main_context_invoke() would run it right
   * here when this thread can acquire the engine's (default) context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, report, (GDestroyNotify) progress_report_free);
  g_source_set_static_name (source, "[liaison] sync progress");
  g_source_attach (source, data->context);
}

/* SQLite connections belong to one thread: the worker opens its own. */
static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = lia_store_open (data->path, data->clock, &error)) ||
      !sync_store (store, data->server_url, cancellable, &data->stats,
                   progress_from_worker, data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_sync_thread_done (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LiaSyncEngine *self = LIA_SYNC_ENGINE (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SyncData *data = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &error);
  end_sync (self, error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The outer task outlives the worker's: it keeps the numbers. */
  g_task_set_task_data (task, g_memdup2 (&data->stats, sizeof data->stats), g_free);
  g_task_return_boolean (task, TRUE);
}

/**
 * lia_sync_engine_sync_async:
 *
 * Runs lia_sync_engine_sync() in a worker thread with a connection of its
 * own to the store; properties change on the thread that created the
 * engine.
 */
void
lia_sync_engine_sync_async (LiaSyncEngine       *self,
                            const char          *server_url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  SyncData *data;

  g_return_if_fail (LIA_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_sync_engine_sync_async);

  if (!begin_sync (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SyncData, 1);
  data->path = g_strdup (lia_store_get_path (self->store));
  data->clock = g_object_ref (lia_store_get_clock (self->store));
  data->server_url = g_strdup (server_url);
  data->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&data->engine, self);

  worker = g_task_new (self, cancellable, on_sync_thread_done, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, (GDestroyNotify) sync_data_free);
  g_task_run_in_thread (worker, sync_thread);
}

gboolean
lia_sync_engine_sync_finish (LiaSyncEngine  *self,
                             GAsyncResult   *result,
                             LiaSyncStats   *stats,
                             GError        **error)
{
  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (stats != NULL)
    *stats = *(LiaSyncStats *) g_task_get_task_data (G_TASK (result));

  return TRUE;
}
