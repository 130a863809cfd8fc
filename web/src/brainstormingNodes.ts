/** Node ids of the `brainstorming` workflow. */
export const BRAINSTORMING = "brainstorming";
export const COLLECT_REQUIREMENTS = "collect_requirements";
export const GENERATE_IDEAS = "generate_ideas";
export const SELECT_IDEA = "select_idea";
