import { mount } from 'svelte';
import './ui/styles/shared.css';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('CryDecode: #app element missing from index.html');
export default mount(App, { target });
