// Labels and select options for the roster's coded values, from the core's vocabulary.
import { t } from '../i18n.js';
import { label, options } from '../vocabulary.js';

export const stageLabel = (stage) => label('stage', stage);
export const positionLabel = (position) => label('position', position);
export const genderLabel = (gender) => (gender ? label('gender', gender) : '');

export const stageOptions = () => options('stage');

export const genderOptions = () => [['', t('gender_unset')], ...options('gender')];

export const groupOptions = (groups) => [['', t('none')], ...groups.map((g) => [String(g.id), g.name])];

export const positionOptions = () => options('position');
