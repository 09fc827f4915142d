import type { ServerVersion } from '../app.ts';
import type { Config } from './defaults.ts';

/**
 * The flat string→string maps of GET /config/client?format=old, with Mattermost's key names
 * (server/config/client.go GenerateLimitedClientConfig / GenerateClientConfig). Values are strings:
 * booleans "true"/"false", numbers in decimal.
 *
 * Mattermost gates some keys on a license and reports them off when unlicensed; Parley keeps those
 * features open, so where Parley implements the feature the key follows the config, and where it does
 * not (LDAP/SAML/OAuth sign-in, custom branding, plugins) the key stays "false" so clients hide the UI.
 */
export type ClientConfig = Record<string, string>;

/** Values that are not settings but describe the server's state (Mattermost's "computed" keys). */
export interface ComputedClientValues {
  diagnosticId: string;
  /** No user exists yet: the web app then offers the first-admin sign-up. */
  noAccounts: boolean;
  /** The newest custom terms of service while they are enabled ('' otherwise). */
  customTermsOfServiceId?: string;
}

/** Mattermost's maximum post length in runes (PostMessageMaxRunesV2). */
export const MAX_POST_SIZE = 16383;

const b = (value: boolean) => (value ? 'true' : 'false');
const n = (value: number) => String(value);
const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The map a client without a session sees: enough for the login and sign-up pages. */
export function limitedClientConfig(
  c: Config,
  version: ServerVersion,
  computed: ComputedClientValues,
): ClientConfig {
  const s = c.ServiceSettings;
  const p = c.PasswordSettings;
  return {
    Version: version.version,
    BuildNumber: version.buildNumber,
    BuildDate: '',
    BuildHash: version.buildHash,
    BuildHashEnterprise: 'none',
    BuildEnterpriseReady: 'false',
    ServiceEnvironment: 'production',

    SiteURL: trimSlash(s.SiteURL),
    SiteName: c.TeamSettings.SiteName,
    WebsocketURL: trimSlash(s.WebsocketURL),
    WebsocketPort: '80',
    WebsocketSecurePort: '443',
    EnableUserCreation: b(c.TeamSettings.EnableUserCreation),
    EnableOpenServer: b(c.TeamSettings.EnableOpenServer),
    EnableBotAccountCreation: b(s.EnableBotAccountCreation),

    AndroidLatestVersion: '',
    AndroidMinVersion: '',
    IosLatestVersion: '',
    IosMinVersion: '',

    DiagnosticId: computed.diagnosticId,
    TelemetryId: computed.diagnosticId,
    // Parley sends no telemetry anywhere.
    DiagnosticsEnabled: 'false',
    EnableDiagnostics: 'false',
    EnableComplianceExport: 'false',

    EnableSignUpWithEmail: b(c.EmailSettings.EnableSignUpWithEmail),
    EnableSignInWithEmail: b(c.EmailSettings.EnableSignInWithEmail),
    EnableSignInWithUsername: b(c.EmailSettings.EnableSignInWithUsername),
    EmailLoginButtonColor: '#0000',
    EmailLoginButtonBorderColor: '#2389D7',
    EmailLoginButtonTextColor: '#2389D7',

    EnableSignUpWithGitLab: 'false',
    GitLabButtonColor: '',
    GitLabButtonText: '',
    EnableSignUpWithGoogle: 'false',
    EnableSignUpWithOffice365: 'false',
    EnableSignUpWithOpenId: 'false',
    OpenIdButtonText: '',
    OpenIdButtonColor: '',
    EnableLdap: 'false',
    LdapLoginFieldName: '',
    LdapLoginButtonColor: '',
    LdapLoginButtonBorderColor: '',
    LdapLoginButtonTextColor: '',
    EnableSaml: 'false',
    SamlLoginButtonText: '',
    SamlLoginButtonColor: '',
    SamlLoginButtonBorderColor: '',
    SamlLoginButtonTextColor: '',

    TermsOfServiceLink: c.SupportSettings.TermsOfServiceLink,
    PrivacyPolicyLink: c.SupportSettings.PrivacyPolicyLink,
    AboutLink: c.SupportSettings.AboutLink,
    HelpLink: c.SupportSettings.HelpLink,
    ReportAProblemLink: c.SupportSettings.ReportAProblemLink,
    ForgotPasswordLink: '',
    SupportEmail: c.SupportSettings.SupportEmail,
    EnableAskCommunityLink: 'false',
    DefaultClientLocale: c.LocalizationSettings.DefaultClientLocale,

    EnableCustomEmoji: b(s.EnableCustomEmoji),
    AppDownloadLink: '',
    AndroidAppDownloadLink: '',
    IosAppDownloadLink: '',
    HasImageProxy: 'false',
    // Parley runs no server or web-app plugins.
    PluginsEnabled: 'false',

    PasswordMinimumLength: n(p.MinimumLength),
    PasswordRequireLowercase: b(p.Lowercase),
    PasswordRequireUppercase: b(p.Uppercase),
    PasswordRequireNumber: b(p.Number),
    PasswordRequireSymbol: b(p.Symbol),
    PasswordEnableForgotLink: b(p.EnableForgotLink),

    EnableCustomBrand: b(c.TeamSettings.EnableCustomBrand),
    CustomBrandText: c.TeamSettings.CustomBrandText,
    CustomDescriptionText: c.TeamSettings.CustomDescriptionText,
    EnableMultifactorAuthentication: b(s.EnableMultifactorAuthentication),
    EnforceMultifactorAuthentication: b(s.EnforceMultifactorAuthentication),
    EnableGuestAccounts: b(c.GuestAccountsSettings.Enable),
    GuestAccountsEnforceMultifactorAuthentication: b(
      c.GuestAccountsSettings.EnforceMultifactorAuthentication,
    ),
    HideGuestTags: b(c.GuestAccountsSettings.HideTags),

    NoAccounts: b(computed.noAccounts),
  };
}

/** The map a signed-in client sees: the limited map plus everything the app needs once logged in. */
export function fullClientConfig(
  c: Config,
  version: ServerVersion,
  computed: ComputedClientValues,
): ClientConfig {
  const s = c.ServiceSettings;
  const t = c.TeamSettings;
  const e = c.EmailSettings;
  const f = c.FileSettings;
  return {
    ...limitedClientConfig(c, version, computed),

    EnableCustomUserStatuses: b(t.EnableCustomUserStatuses),
    EnableLastActiveTime: b(t.EnableLastActiveTime),
    EnableUserDeactivation: b(t.EnableUserDeactivation),
    RestrictDirectMessage: t.RestrictDirectMessage,
    TeammateNameDisplay: t.TeammateNameDisplay,
    LockTeammateNameDisplay: b(t.LockTeammateNameDisplay),
    ExperimentalPrimaryTeam: t.ExperimentalPrimaryTeam,
    ExperimentalViewArchivedChannels: 'true',
    MaxNotificationsPerChannel: n(t.MaxNotificationsPerChannel),
    EnableConfirmNotificationsToChannel: 'true',
    ExperimentalEnableAutomaticReplies: 'false',
    EnableJoinLeaveMessageByDefault: b(t.EnableJoinLeaveMessageByDefault),

    EnableOAuthServiceProvider: b(s.EnableOAuthServiceProvider),
    GoogleDeveloperKey: '',
    EnableIncomingWebhooks: b(s.EnableIncomingWebhooks),
    EnableOutgoingWebhooks: b(s.EnableOutgoingWebhooks),
    EnableCommands: b(s.EnableCommands),
    EnablePostUsernameOverride: b(s.EnablePostUsernameOverride),
    EnablePostIconOverride: b(s.EnablePostIconOverride),
    EnableUserAccessTokens: b(s.EnableUserAccessTokens),
    EnableLinkPreviews: b(s.EnableLinkPreviews),
    EnablePermalinkPreviews: 'true',
    EnableTesting: 'false',
    EnableDeveloper: b(s.EnableDeveloper),
    EnableClientPerformanceDebugging: 'false',
    PostEditTimeLimit: n(s.PostEditTimeLimit),
    MinimumHashtagLength: '3',
    EnablePreviewFeatures: 'true',
    EnableTutorial: 'true',
    EnableOnboardingFlow: 'true',
    ExperimentalEnableDefaultChannelLeaveJoinMessages: 'true',
    ExperimentalGroupUnreadChannels: 'disabled',
    EnableSVGs: 'false',
    EnableMarketplace: 'false',
    IsDefaultMarketplace: 'true',
    EnableLatex: 'false',
    EnableInlineLatex: 'true',
    ExtendSessionLengthWithActivity: b(s.ExtendSessionLengthWithActivity),
    ManagedResourcePaths: '',
    ExperimentalEnablePostMetadata: 'true',
    DisableAppBar: 'false',
    ExperimentalTimezone: b(c.DisplaySettings.ExperimentalTimezone),
    CustomUrlSchemes: '',

    SendEmailNotifications: b(e.SendEmailNotifications),
    SendPushNotifications: b(e.SendPushNotifications),
    RequireEmailVerification: b(e.RequireEmailVerification),
    EnableEmailBatching: b(e.EnableEmailBatching),
    EnablePreviewModeBanner: 'false',
    EmailNotificationContentsType: e.EmailNotificationContentsType,
    EnableEmailInvitations: b(c.ServiceSettings.EnableEmailInvitations),

    ShowEmailAddress: b(c.PrivacySettings.ShowEmailAddress),
    ShowFullName: b(c.PrivacySettings.ShowFullName),

    EnableFileAttachments: b(f.EnableFileAttachments),
    EnablePublicLink: b(f.EnablePublicLink),
    EnableMobileFileDownload: b(f.EnableMobileDownload),
    EnableMobileFileUpload: b(f.EnableMobileUpload),
    MaxFileSize: n(f.MaxFileSize),
    MaxPostSize: n(MAX_POST_SIZE),

    AvailableLocales: c.LocalizationSettings.AvailableLocales,
    SQLDriverName: c.SqlSettings.DriverName,
    EnableEmojiPicker: 'true',
    EnableGifPicker: 'false',

    TimeBetweenUserTypingUpdatesMilliseconds: n(s.TimeBetweenUserTypingUpdatesMilliseconds),
    EnableUserTypingMessages: b(s.EnableUserTypingMessages),
    EnableChannelViewedMessages: b(s.EnableChannelViewedMessages),
    EnableUserStatuses: b(s.EnableUserStatuses),
    RunJobs: 'true',

    ExperimentalEnableAuthenticationTransfer: 'true',
    EnableCompliance: 'false',
    EnableCluster: b(c.ClusterSettings.Enable),
    EnableMetrics: b(c.MetricsSettings.Enable),
    EnableBanner: 'false',
    BannerText: '',
    BannerColor: '',
    BannerTextColor: '',
    AllowBannerDismissal: 'false',
    EnableThemeSelection: 'true',
    DefaultTheme: 'default',
    AllowCustomThemes: 'true',
    AllowedThemes: '',
    DataRetentionEnableMessageDeletion: 'false',
    DataRetentionMessageRetentionDays: '0',
    DataRetentionEnableFileDeletion: 'false',
    DataRetentionFileRetentionDays: '0',
    LdapNicknameAttributeSet: 'false',
    LdapFirstNameAttributeSet: 'false',
    LdapLastNameAttributeSet: 'false',
    LdapPictureAttributeSet: 'false',
    LdapPositionAttributeSet: 'false',
    SamlFirstNameAttributeSet: 'false',
    SamlLastNameAttributeSet: 'false',
    SamlNicknameAttributeSet: 'false',
    SamlPositionAttributeSet: 'false',
    ExperimentalSharedChannels: 'false',
    EnableCustomGroups: 'false',

    CollapsedThreads: s.CollapsedThreads,
    PostPriority: 'true',
    AllowPersistentNotifications: 'false',
    AllowPersistentNotificationsForGuests: 'false',
    AllowSyncedDrafts: b(s.AllowSyncedDrafts),
    ScheduledPosts: b(s.ScheduledPosts),
    UniqueEmojiReactionLimitPerPost: n(s.UniqueEmojiReactionLimitPerPost),
    DelayChannelAutocomplete: 'false',
    DisableRefetchingOnBrowserFocus: 'false',
    ...termsOfServiceClientConfig(c, computed),
  };
}

/**
 * The custom terms of service keys (Mattermost's names: the setting CustomTermsOfServiceEnabled is
 * sent as EnableCustomTermsOfService). The web app shows the terms with this id to a signed-in user
 * who has not accepted them, or accepted them more than the re-acceptance period (days) ago.
 */
function termsOfServiceClientConfig(c: Config, computed: ComputedClientValues): ClientConfig {
  const support = c.SupportSettings;
  return {
    EnableCustomTermsOfService: b(support.CustomTermsOfServiceEnabled),
    CustomTermsOfServiceId: support.CustomTermsOfServiceEnabled
      ? (computed.customTermsOfServiceId ?? '')
      : '',
    CustomTermsOfServiceReAcceptancePeriod: n(support.CustomTermsOfServiceReAcceptancePeriod),
  };
}
