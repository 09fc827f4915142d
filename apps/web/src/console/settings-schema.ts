/** The config sections the console edits: each setting is a path in Mattermost's config.json. */
export interface Setting {
  section: string;
  key: string;
  label: string;
  kind: 'bool' | 'text' | 'number' | 'secret' | 'select';
  help?: string;
  options?: { value: string; label: string }[];
}

export interface SettingsPage {
  id: string;
  title: string;
  description: string;
  settings: Setting[];
}

const s = (section: string, key: string, label: string, kind: Setting['kind'], help?: string): Setting => ({
  section,
  key,
  label,
  kind,
  help,
});

export const SETTINGS_PAGES: SettingsPage[] = [
  {
    id: 'site',
    title: 'Site',
    description: 'How the server presents itself.',
    settings: [
      s('TeamSettings', 'SiteName', 'Site name', 'text', 'Shown on the login page and in the tab title.'),
      s('TeamSettings', 'MaxUsersPerTeam', 'Maximum people per team', 'number'),
      s('TeamSettings', 'MaxChannelsPerTeam', 'Maximum channels per team', 'number'),
    ],
  },
  {
    id: 'branding',
    title: 'Branding',
    description: 'The brand image and texts on the login page, and the support links under it.',
    settings: [
      s(
        'TeamSettings',
        'EnableCustomBrand',
        'Custom branding',
        'bool',
        'Show the brand image, brand text and description on the login page.',
      ),
      s('TeamSettings', 'CustomDescriptionText', 'Site description', 'text', 'Shown under the site name.'),
      s('TeamSettings', 'CustomBrandText', 'Brand text', 'text', 'Shown under the brand image (plain text).'),
      s('SupportSettings', 'AboutLink', 'About link', 'text'),
      s('SupportSettings', 'HelpLink', 'Help link', 'text'),
      s('SupportSettings', 'PrivacyPolicyLink', 'Privacy policy link', 'text'),
      s('SupportSettings', 'TermsOfServiceLink', 'Terms of service link', 'text'),
      s('SupportSettings', 'ReportAProblemLink', 'Report a problem link', 'text'),
      s('SupportSettings', 'SupportEmail', 'Support email', 'text'),
    ],
  },
  {
    id: 'signup',
    title: 'Sign-up',
    description: 'Who may create an account on this server.',
    settings: [
      s('TeamSettings', 'EnableUserCreation', 'Allow creating accounts', 'bool'),
      s(
        'TeamSettings',
        'EnableOpenServer',
        'Open server',
        'bool',
        'Anyone may sign up from the sign-up page without an invitation.',
      ),
      s(
        'TeamSettings',
        'RestrictCreationToDomains',
        'Restrict sign-up to email domains',
        'text',
        'Comma-separated, for example example.com, corp.example.com. Empty allows every domain.',
      ),
    ],
  },
  {
    id: 'integrations',
    title: 'Webhooks and commands',
    description: 'Integrations people may create.',
    settings: [
      s('ServiceSettings', 'EnableIncomingWebhooks', 'Incoming webhooks', 'bool'),
      s('ServiceSettings', 'EnableOutgoingWebhooks', 'Outgoing webhooks', 'bool'),
      s('ServiceSettings', 'EnableCommands', 'Custom slash commands', 'bool'),
      s('ServiceSettings', 'EnableBotAccountCreation', 'Bot accounts', 'bool'),
      s('ServiceSettings', 'EnableUserAccessTokens', 'Personal access tokens', 'bool'),
      s('ServiceSettings', 'EnablePostUsernameOverride', 'Integrations may override usernames', 'bool'),
    ],
  },
  {
    id: 'rate-limiting',
    title: 'Rate limiting',
    description: 'Limits on API requests, to protect the server.',
    settings: [
      s('RateLimitSettings', 'Enable', 'Enable rate limiting', 'bool'),
      s('RateLimitSettings', 'PerSec', 'Requests per second', 'number'),
      s('RateLimitSettings', 'MaxBurst', 'Maximum burst', 'number'),
      s('RateLimitSettings', 'MemoryStoreSize', 'Tracked clients', 'number'),
      s('RateLimitSettings', 'VaryByRemoteAddr', 'Limit by IP address', 'bool'),
      s('RateLimitSettings', 'VaryByUser', 'Limit by user', 'bool'),
      s('RateLimitSettings', 'VaryByHeader', 'Limit by HTTP header', 'text'),
    ],
  },
  {
    id: 'sessions',
    title: 'Sessions',
    description: 'How long people stay signed in.',
    settings: [
      s('ServiceSettings', 'SessionLengthWebInHours', 'Web session length (hours)', 'number'),
      s('ServiceSettings', 'SessionLengthMobileInHours', 'Mobile session length (hours)', 'number'),
      s('ServiceSettings', 'SessionIdleTimeoutInMinutes', 'Idle timeout (minutes)', 'number'),
      s('ServiceSettings', 'ExtendSessionLengthWithActivity', 'Extend sessions with activity', 'bool'),
      s('ServiceSettings', 'MaximumLoginAttempts', 'Maximum failed logins', 'number'),
      s('ServiceSettings', 'TerminateSessionsOnPasswordChange', 'End sessions on password change', 'bool'),
    ],
  },
  {
    id: 'smtp',
    title: 'SMTP',
    description: 'The mail server used for email notifications.',
    settings: [
      s('EmailSettings', 'SendEmailNotifications', 'Send email notifications', 'bool'),
      s('EmailSettings', 'FeedbackName', 'Sender name', 'text'),
      s('EmailSettings', 'FeedbackEmail', 'Sender address', 'text'),
      s('EmailSettings', 'SMTPServer', 'SMTP server', 'text'),
      s('EmailSettings', 'SMTPPort', 'SMTP port', 'text'),
      {
        section: 'EmailSettings',
        key: 'ConnectionSecurity',
        label: 'Connection security',
        kind: 'select',
        options: [
          { value: '', label: 'None' },
          { value: 'TLS', label: 'TLS' },
          { value: 'STARTTLS', label: 'STARTTLS' },
        ],
      },
      s('EmailSettings', 'EnableSMTPAuth', 'SMTP authentication', 'bool'),
      s('EmailSettings', 'SMTPUsername', 'SMTP username', 'text'),
      s('EmailSettings', 'SMTPPassword', 'SMTP password', 'secret'),
    ],
  },
];
