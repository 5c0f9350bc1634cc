// Labels and select options for the enumerations the Rust side uses (stages, genders, posts).
import { t } from '../i18n.js';

export const stageLabel = (stage) => t(`stage_${stage}`);
export const positionLabel = (position) => t(`position_${position}`);
export const genderLabel = (gender) => (gender ? t(`gender_${gender}`) : '');

export const stageOptions = () =>
  ['full', 'probationary', 'candidate', 'activist', 'applicant', 'non_member'].map((s) => [s, stageLabel(s)]);

export const genderOptions = () => [['', t('gender_unset')], ['male', t('gender_male')], ['female', t('gender_female')]];

export const groupOptions = (groups) => [['', t('none')], ...groups.map((g) => [String(g.id), g.name])];

export const positionOptions = () =>
  ['secretary', 'deputy_secretary', 'organisation', 'propaganda', 'discipline', 'confidentiality', 'member']
    .map((p) => [p, positionLabel(p)]);
