import type { ORGANIZATION_FR } from './organization.i18n';

/** English texts of « Mon organisation »: same keys as the French (checked by the type), loaded only when chosen. */

export const ORGANIZATION_EN: typeof ORGANIZATION_FR = {
  title: 'My organisation',
  address: 'Address',
  legalRep: 'Legal representative',
  edit: 'Edit the profile',
  editTitle: "Edit the organisation's profile",
  adminsOnly: "Only the organisation's administrators can edit the profile and invite members.",
  save: 'Save the profile',
  saved: "Organisation's profile saved.",
  conflict:
    'Someone else changed the profile in the meantime: your save was not applied. What you typed stays in the form; reload the stored version to compare, then save again.',
  reload: 'Reload',
  reloaded: 'The stored version has been reloaded (top of the page). What you typed is still in the form: check it, then save.',
  yourChanges: 'Fields where what you typed differs from the stored version',
  members: {
    title: 'Members',
    role: 'Role in the organisation',
    address: 'Address confirmation',
    admin: 'Administrator',
    member: 'Member',
    verified: 'Confirmed',
    unverified: 'Awaiting confirmation',
    promote: 'Make administrator',
    demote: 'Remove administrator role',
    promoted: 'The member is now an administrator.',
    demoted: 'The member is no longer an administrator.',
  },
  invite: {
    title: 'Invite a member',
    intro: 'The person receives a link by email to create their account in your organisation.',
    email: "Person's email address",
    send: 'Send the invitation',
    sent: 'Invitation sent to {{email}}.',
    pending: 'Pending invitations',
    expires: 'link valid until {{date}}',
  },
};
