/* lia-lock-screen.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-lock-screen.h"
#include "lia-unlock.h"

struct _LiaLockScreen
{
  AdwBin         parent_instance;

  char          *data_dir;
  GCancellable  *cancellable;  /* of the unlock in flight, or NULL */

  /* Template widgets */
  GtkStack      *mode_stack;
  GtkLabel      *unlock_notice;
  GtkEditable   *unlock_entry;
  GtkLabel      *unlock_error;
  GtkWidget     *unlock_button;
  GtkSpinner    *unlock_spinner;
  GtkLabel      *create_notice;
  GtkEditable   *create_entry;
  GtkEditable   *confirm_entry;
  GtkLabel      *create_error;
  GtkWidget     *create_button;
  GtkSpinner    *create_spinner;
  GtkLabel      *clear_label;
  GtkEditable   *clear_entry;
  GtkEditable   *clear_confirm_entry;
  GtkLabel      *clear_error;
  GtkWidget     *clear_button;
  GtkSpinner    *clear_spinner;
  GtkLabel      *clear_command;
  GtkLabel      *key_missing_label;
};

G_DEFINE_FINAL_TYPE (LiaLockScreen, lia_lock_screen, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_mode (LiaLockScreen *self,
         const char    *mode)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), mode) == 0;
}

static GtkWidget *
get_mode_button (LiaLockScreen *self)
{
  if (is_mode (self, "unlock"))
    return self->unlock_button;
  if (is_mode (self, "create"))
    return self->create_button;
  if (is_mode (self, "clear"))
    return self->clear_button;

  return NULL;
}

/* Enter in the passphrase entry presses the shown button; nowhere else,
 * so that an entry of the records never reaches a hidden Unlock button. */
static void
update_default_widget (LiaLockScreen *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root),
                                   gtk_widget_get_mapped (GTK_WIDGET (self))
                                   ? get_mode_button (self) : NULL);
}

static void
focus_mode_entry (LiaLockScreen *self)
{
  if (is_mode (self, "unlock"))
    gtk_widget_grab_focus (GTK_WIDGET (self->unlock_entry));
  else if (is_mode (self, "create"))
    gtk_widget_grab_focus (GTK_WIDGET (self->create_entry));
  else if (is_mode (self, "clear"))
    gtk_widget_grab_focus (GTK_WIDGET (self->clear_entry));
}

static void
show_error (GtkLabel   *label,
            GtkWidget  *entry,
            const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (message != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
}

/* What was wrong is no longer shown once the officer types again */
static void
unlock_entry_changed_cb (LiaLockScreen *self)
{
  show_error (self->unlock_error, GTK_WIDGET (self->unlock_entry), NULL);
}

static void
create_entry_changed_cb (LiaLockScreen *self)
{
  show_error (self->create_error, GTK_WIDGET (self->confirm_entry), NULL);
}

static void
clear_entry_changed_cb (LiaLockScreen *self)
{
  show_error (self->clear_error, GTK_WIDGET (self->clear_confirm_entry), NULL);
}

static void
set_busy (LiaLockScreen *self,
          gboolean       busy)
{
  GtkSpinner *spinner = self->unlock_spinner;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* GTK 4.8 leaves a focused entry made insensitive blinking without
   * focus: take the focus off it first */
  if (busy && GTK_IS_WINDOW (root))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_confirm_entry), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock-screen.unlock", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock-screen.create", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock-screen.encrypt", !busy);

  /* Only the shown page's spinner turns; a refresh while busy may have
   * changed the page, so every one stops */
  if (is_mode (self, "create"))
    spinner = self->create_spinner;
  else if (is_mode (self, "clear"))
    spinner = self->clear_spinner;
  if (!busy)
    {
      GtkSpinner *spinners[] = { self->unlock_spinner, self->create_spinner, self->clear_spinner };

      for (guint i = 0; i < G_N_ELEMENTS (spinners); i++)
        {
          gtk_widget_set_visible (GTK_WIDGET (spinners[i]), FALSE);
          gtk_spinner_set_spinning (spinners[i], FALSE);
        }
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (spinner), TRUE);
      gtk_spinner_set_spinning (spinner, TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_entries (LiaLockScreen *self)
{
  gtk_editable_set_text (self->unlock_entry, "");
  gtk_editable_set_text (self->create_entry, "");
  gtk_editable_set_text (self->confirm_entry, "");
  gtk_editable_set_text (self->clear_entry, "");
  gtk_editable_set_text (self->clear_confirm_entry, "");
}

static void
open_store_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LiaLockScreen) self = user_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = lia_unlock_open_store_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (store == NULL)
    {
      if (is_mode (self, "clear"))
        {
          /* Encrypted, but not opened (rare: the disk, memory): from now
           * on the folder is unlocked as any other */
          g_autofree char *data_dir = g_strdup (self->data_dir);

          lia_lock_screen_refresh (self, data_dir);
          show_error (self->unlock_error, GTK_WIDGET (self->unlock_entry), error->message);
        }
      else if (is_mode (self, "create"))
        {
          show_error (self->create_error, GTK_WIDGET (self->confirm_entry), error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->create_entry));
        }
      else
        {
          /* Easy to type again over, or to correct */
          show_error (self->unlock_error, GTK_WIDGET (self->unlock_entry), error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->unlock_entry));
          gtk_editable_select_region (self->unlock_entry, 0, -1);
        }
      return;
    }

  clear_entries (self);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_notice), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->create_notice), FALSE);
  g_signal_emit (self, signals[UNLOCKED], 0, store);
}

static void
start_open (LiaLockScreen *self,
            char          *passphrase,
            gboolean       create)
{
  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  lia_unlock_open_store_async (self->data_dir, passphrase, create, self->cancellable,
                               open_store_cb, g_object_ref (self));
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaLockScreen *self = LIA_LOCK_SCREEN (widget);

  if (self->cancellable != NULL || self->data_dir == NULL || !is_mode (self, "unlock"))
    return;

  if (gtk_editable_get_text (self->unlock_entry)[0] == '\0')
    {
      show_error (self->unlock_error, GTK_WIDGET (self->unlock_entry),
                  _("Type your passphrase, then press Unlock."));
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_entry));
      return;
    }

  show_error (self->unlock_error, GTK_WIDGET (self->unlock_entry), NULL);
  start_open (self, lia_unlock_dup_secret (self->unlock_entry), FALSE);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaLockScreen *self = LIA_LOCK_SCREEN (widget);
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL || self->data_dir == NULL || !is_mode (self, "create"))
    return;

  if (!lia_unlock_check_new_passphrase (gtk_editable_get_text (self->create_entry),
                                        gtk_editable_get_text (self->confirm_entry),
                                        &error))
    {
      show_error (self->create_error, GTK_WIDGET (self->confirm_entry), error->message);
      return;
    }

  show_error (self->create_error, GTK_WIDGET (self->confirm_entry), NULL);
  start_open (self, lia_unlock_dup_secret (self->create_entry), TRUE);
}

static void
encrypt_clear_dir_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LiaLockScreen) self = user_data;
  g_autoptr(GError) error = NULL;
  char *passphrase;

  passphrase = lia_unlock_encrypt_clear_dir_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (passphrase == NULL)
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      show_error (self->clear_error, GTK_WIDGET (self->clear_confirm_entry), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->clear_entry));
      return;
    }

  /* Encrypted: opened as after an unlock, still busy, with the same
   * passphrase (which the worker wipes) */
  lia_unlock_open_store_async (self->data_dir, passphrase, FALSE, self->cancellable,
                               open_store_cb, g_object_ref (self));
}

static void
encrypt_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LiaLockScreen *self = LIA_LOCK_SCREEN (widget);
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL || self->data_dir == NULL || !is_mode (self, "clear"))
    return;

  if (!lia_unlock_check_new_passphrase (gtk_editable_get_text (self->clear_entry),
                                        gtk_editable_get_text (self->clear_confirm_entry),
                                        &error))
    {
      show_error (self->clear_error, GTK_WIDGET (self->clear_confirm_entry), error->message);
      return;
    }

  show_error (self->clear_error, GTK_WIDGET (self->clear_confirm_entry), NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  lia_unlock_encrypt_clear_dir_async (self->data_dir, lia_unlock_dup_secret (self->clear_entry),
                                      self->cancellable, encrypt_clear_dir_cb, g_object_ref (self));
}

static void
lia_lock_screen_map (GtkWidget *widget)
{
  LiaLockScreen *self = LIA_LOCK_SCREEN (widget);

  GTK_WIDGET_CLASS (lia_lock_screen_parent_class)->map (widget);

  update_default_widget (self);
  focus_mode_entry (self);
}

static void
lia_lock_screen_unmap (GtkWidget *widget)
{
  LiaLockScreen *self = LIA_LOCK_SCREEN (widget);

  GTK_WIDGET_CLASS (lia_lock_screen_parent_class)->unmap (widget);

  update_default_widget (self);
}

static void
lia_lock_screen_dispose (GObject *object)
{
  LiaLockScreen *self = (LiaLockScreen *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_LOCK_SCREEN);

  G_OBJECT_CLASS (lia_lock_screen_parent_class)->dispose (object);
}

static void
lia_lock_screen_finalize (GObject *object)
{
  LiaLockScreen *self = (LiaLockScreen *)object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (lia_lock_screen_parent_class)->finalize (object);
}

static void
lia_lock_screen_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaLockScreen *self = LIA_LOCK_SCREEN (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, lia_lock_screen_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_lock_screen_class_init (LiaLockScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_lock_screen_dispose;
  object_class->finalize = lia_lock_screen_finalize;
  object_class->get_property = lia_lock_screen_get_property;

  widget_class->map = lia_lock_screen_map;
  widget_class->unmap = lia_lock_screen_unmap;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaLockScreen::unlocked:
   * @store: the open encrypted store
   *
   * The passphrase opened the data folder, or a new one was made.
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIA_TYPE_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-lock-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, unlock_notice);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, unlock_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, unlock_error);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, create_notice);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, create_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, create_error);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, create_button);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_label);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_error);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_button);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, clear_command);
  gtk_widget_class_bind_template_child (widget_class, LiaLockScreen, key_missing_label);

  gtk_widget_class_bind_template_callback (widget_class, unlock_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "lock-screen.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "lock-screen.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "lock-screen.encrypt", NULL, encrypt_action);

  gtk_widget_class_set_css_name (widget_class, "lockscreen");
}

static void
lia_lock_screen_init (LiaLockScreen *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lia_lock_screen_new (void)
{
  return g_object_new (LIA_TYPE_LOCK_SCREEN, NULL);
}

/**
 * lia_lock_screen_refresh:
 * @data_dir: the data folder to unlock or create
 *
 * Looks at @data_dir again (lia_store_dir_get_state()) and shows what it
 * needs: the passphrase of a key file, a new passphrase for a new folder,
 * a new passphrase to encrypt a folder made in clear, or why an encrypted
 * folder whose key file is gone cannot be opened.  Errors and typed text
 * go.
 */
void
lia_lock_screen_refresh (LiaLockScreen *self,
                         const char    *data_dir)
{
  const char *mode = "create";

  g_return_if_fail (LIA_IS_LOCK_SCREEN (self));
  g_return_if_fail (data_dir != NULL);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
    }

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);

  switch (lia_store_dir_get_state (data_dir))
    {
    case LIA_STORE_DIR_ENCRYPTED:
      mode = "unlock";
      break;

    case LIA_STORE_DIR_CLEAR:
      {
        g_autofree char *name = g_filename_display_name (data_dir);
        g_autofree char *quoted = g_shell_quote (name);
        g_autofree char *text = NULL;
        g_autofree char *command = NULL;

        /* Translators: %s is a folder */
        text = g_strdup_printf (_("The records in “%s” were saved by an earlier version of Liaison, without encryption. Choose a passphrase: Liaison encrypts the folder with it, then opens it. The records stay as they are."),
                                name);
        command = g_strdup_printf ("liaison-cli --data-dir %s encrypt", quoted);
        gtk_label_set_label (self->clear_label, text);
        gtk_label_set_label (self->clear_command, command);
        mode = "clear";
      }
      break;

    case LIA_STORE_DIR_KEY_MISSING:
      {
        g_autoptr(GError) error = NULL;

        /* The core says what to do; with no key there is nothing to type.
         * (A key file put back meanwhile: unlock it.) */
        if (lia_store_dir_check_key_missing (data_dir, &error))
          {
            mode = lia_vault_exists (data_dir) ? "unlock" : "create";
            break;
          }
        gtk_label_set_label (self->key_missing_label, error->message);
        mode = "key-missing";
      }
      break;

    case LIA_STORE_DIR_EMPTY:
    default:
      break;
    }

  clear_entries (self);
  show_error (self->unlock_error, GTK_WIDGET (self->unlock_entry), NULL);
  show_error (self->create_error, GTK_WIDGET (self->confirm_entry), NULL);
  show_error (self->clear_error, GTK_WIDGET (self->clear_confirm_entry), NULL);
  gtk_stack_set_visible_child_name (self->mode_stack, mode);
  update_default_widget (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_mode_entry (self);
}

/* A line above the entries: why the screen shows, or what just happened
 * (“All data … was destroyed in 12 ms”).  %NULL hides it. */
void
lia_lock_screen_set_notice (LiaLockScreen *self,
                            const char    *notice)
{
  g_return_if_fail (LIA_IS_LOCK_SCREEN (self));

  gtk_label_set_label (self->unlock_notice, notice);
  gtk_label_set_label (self->create_notice, notice);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_notice), notice != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->create_notice), notice != NULL);
}

/* Returns: "unlock", "create", "clear" or "key-missing" */
const char *
lia_lock_screen_get_mode (LiaLockScreen *self)
{
  g_return_val_if_fail (LIA_IS_LOCK_SCREEN (self), NULL);

  return gtk_stack_get_visible_child_name (self->mode_stack);
}

/* Whether Argon2id or the encryption of a folder is running */
gboolean
lia_lock_screen_get_busy (LiaLockScreen *self)
{
  g_return_val_if_fail (LIA_IS_LOCK_SCREEN (self), FALSE);

  return self->cancellable != NULL;
}
