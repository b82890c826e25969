/** The profiles specloom knows, and the choice among them: the config's, else the first whose detection matches. */
import { genericProfile } from './generic.js';
import { isLinode, linodeProfile } from './linode.js';
import type { Profile, ProfileSignals } from './profile.js';

export type ProfileName = 'linode' | 'generic';
export const PROFILE_NAMES: readonly ProfileName[] = ['linode', 'generic'];

const PROFILES: Record<ProfileName, Profile> = { linode: linodeProfile, generic: genericProfile };
const DETECTION: { profile: Profile; matches: (signals: ProfileSignals) => boolean }[] = [{ profile: linodeProfile, matches: isLinode }];

export function chooseProfile(choice: ProfileName | 'auto', signals: ProfileSignals): Profile {
  if (choice !== 'auto') return PROFILES[choice];
  return DETECTION.find((d) => d.matches(signals))?.profile ?? genericProfile;
}

export type { Profile } from './profile.js';
