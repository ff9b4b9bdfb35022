export { briefsRoutes } from './api/routes.ts';
export { briefData, type BriefData, type BriefInput, type BriefNeeds } from './brief-data.ts';
export { briefFonts, drawable, MISSING_CHARACTER, type BriefFonts } from './fonts.ts';
export { renderBrief } from './layout.ts';
